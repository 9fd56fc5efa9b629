import { Decimal } from '../engine';
import type { ExplainContext, ExplainSection, JsonObject, Line } from './types';
import { money, number, obj, share, str, when } from './words';

/** The refund itself: how much of the order it returned, and how much is refunded so far. */
export function refundSentence(refund: JsonObject, currency?: string): string {
  const amount = (v: JsonObject[string]) => (currency ? money(v, currency) : number(v));
  return `Refund ${str(refund.id)} on ${when(refund.at)} returned ${amount(refund.amount)} of the order’s ${amount(refund.orderTotal)}; ${amount(refund.refundedTotal)} is refunded so far, ${share(refund.fraction)} of the order.`;
}

/**
 * §4.7 in words: a reversal or clawback, what it undid of which entry and why, and whether it
 * waits with the original or reduces the next payout.
 */
export function explainAdjustment(x: JsonObject, ctx: ExplainContext): ExplainSection[] {
  const refund = obj(x.refund);
  const original = obj(x.original);
  if (!refund || !original) return [];
  const unit = ctx.unit;
  const lines: Line[] = [{ text: refundSentence(refund) }];
  const reason = str(x.reason);
  const keep = new Decimal(1).minus(refundFraction(refund)).toString();
  if (reason === 'proportional') {
    lines.push({ text: `A revenue share shrinks with the order: the original ${money(original.amount, unit)} should now be ${money(original.amount, unit)} × ${share(keep)} = ${money(x.remainingAfter, unit)}, rounded half-up.` });
  } else if (reason === 'full_refund_reverses_rest') {
    lines.push({ text: 'The order is now refunded in full, so everything left of the revenue share is reversed (exactly, so no rounding leftover remains).' });
  } else if (reason === 'flat_reward_full_refund') {
    lines.push({ text: 'A flat fee (per customer or per order) is reversed only when the order is refunded in full, which it now is.' });
  }
  const before = str(x.alreadyReversed);
  if (before && !new Decimal(before).isZero()) lines.push({ text: `Earlier refunds already reversed ${money(before, unit)} of it.`, tone: 'muted' });
  lines.push({ text: `This entry takes back what is needed to leave ${money(x.remainingAfter, unit)} of the original ${money(original.amount, unit)}.`, entryId: str(original.entryId), entryLabel: 'The original entry' });
  lines.push(
    original.inPayout
      ? { text: 'The original was already in a payout, so this is a clawback: payable at the refund time, it reduces the partner’s next payout.', tone: 'refused' }
      : { text: 'The original was in no payout yet, so this reversal keeps its payable date and the two net out before any payout.', tone: 'muted' },
  );
  return [{ key: 'refund', title: 'Refund', lines }];
}

function refundFraction(refund: JsonObject): Decimal {
  try {
    return new Decimal(str(refund.fraction) ?? '0');
  } catch {
    return new Decimal(0);
  }
}
