import { Decimal, parseRatio, type Json } from '../engine';
import { modelRuleWords, ownRefusalWords, ownSignalWords, shareWords, soleCreditWords, splitWords } from './partner-words';
import type { JsonObject, Line } from './types';
import { cap, day, list, str } from './words';

/** A stored exact share ("0.4", "1/3") as a decimal, for percentages only. */
function shareValue(value: Json | undefined): Decimal {
  try {
    const r = parseRatio(str(value) ?? '0');
    return new Decimal(r.n.toString()).div(r.d.toString());
  } catch {
    return new Decimal(0);
  }
}

const others = (n: number) => (n === 1 ? 'one other partner' : `${n} other partners`);

export interface PartnerCredit {
  /** the headline's part: "you were the last partner to refer this customer (click on 17 Nov 2026)" */
  clause: string;
  lines: Line[];
}

/**
 * How the partner came to be credited for this event, from the engine's attribution account but
 * only from the partner's side: its own referrals (counted or not, and why), how many others
 * referred the customer, the program's way of sharing credit, and its own share. Other partners
 * are counted, never described: their links, codes and deals could name them.
 */
export function explainCreditForPartner(attribution: JsonObject | undefined, partnerId: string): PartnerCredit | null {
  if (!attribution) return null;
  const shares = list(attribution.shares);
  const mine = shares.find((s) => str(s.partnerId) === partnerId);
  const rest = shares.filter((s) => str(s.partnerId) !== partnerId);
  const myShare = shareValue(mine?.share);
  const split = rest.length === 1 ? ` ${splitWords(myShare, shareValue(rest[0].share))}` : '';
  const sharedClause = rest.length === 1 ? `shared the credit${split}` : `shared the credit (your share: ${shareWords(mine?.share)})`;
  const shareLine: Line = rest.length
    ? { text: `You share the credit for this customer with ${others(rest.length)}: your share is ${shareWords(mine?.share)}.`, tone: 'good' }
    : { text: 'You get all the credit for this customer.', tone: 'good' };

  if (str(attribution.source) === 'binding') {
    const since = day(attribution.boundAt);
    if (str(attribution.bindingSource) === 'manual') {
      return {
        clause: `the merchant assigned this customer to you on ${since}`,
        lines: [{ text: `The merchant assigned this customer to you by hand on ${since}, so the customer’s orders in this program count for you.` }, shareLine],
      };
    }
    return {
      clause: rest.length ? `you and ${others(rest.length)} have ${sharedClause} for this customer since ${since}` : `this customer has counted for you since ${since}`,
      lines: [
        { text: `This customer’s first order credited in this program, on ${since}, credited ${rest.length ? `you and ${others(rest.length)}` : 'you'}. From then on the customer’s orders count the same way; later referrals by anyone do not change that.` },
        shareLine,
      ],
    };
  }

  const touches = list(attribution.touches);
  const own = touches.filter((t) => str(t.partnerId) === partnerId);
  const otherReferrers = new Set(touches.map((t) => str(t.partnerId)).filter((id) => id && id !== partnerId)).size;
  const model = str(attribution.source) === 'coupon_override' ? 'coupon_override' : attribution.model;
  // the referral the headline names: the one the model looks at (first or last), else the first
  const named = str(model) === 'last_touch' ? own[own.length - 1] : own[0];
  const lines: Line[] = own.map((t) => ({ text: `${cap(ownSignalWords(t, { precise: true }))}: counted.`, tone: 'good' as const }));
  for (const r of list(attribution.refused).filter((x) => str(x.partnerId) === partnerId)) {
    lines.push({ text: `${cap(ownSignalWords(r))}: not counted, ${ownRefusalWords(r.reason)}.`, tone: 'refused' });
  }
  if (otherReferrers) lines.push({ text: `${cap(others(otherReferrers))} also referred this customer (who they are stays private).`, tone: 'muted' });
  lines.push({ text: modelRuleWords(model) }, shareLine);
  lines.push({ text: 'This order ties the customer to this program’s credit: the customer’s later orders count the same way.', tone: 'muted' });

  const clause = rest.length
    ? str(model) === 'coupon_override'
      ? `the customer used your coupon and ${rest.length === 1 ? 'another partner’s' : `${others(rest.length)}’`}, so you ${sharedClause}`
      : `you and ${others(rest.length)} referred this customer and ${sharedClause}`
    : `${soleCreditWords(model)}${named ? ` (${ownSignalWords(named)})` : ''}`;
  return { clause, lines };
}

