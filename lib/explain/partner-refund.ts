import { Decimal } from '../engine';
import type { RuleType } from '../domain/programs';
import type { PartnerEntryFacts, PartnerExplanation } from './partner-types';
import { customerWords, precisionWords, shareWords } from './partner-words';
import type { Line } from './types';
import { day, money, number, obj, sameNumber, str } from './words';

/** What a reversed reward was, in a few words, from the original's rule ("your revenue share"). */
const REWARD_NAME: Record<RuleType, string> = {
  one_time_share: 'revenue share',
  recurring_share: 'subscription share',
  per_customer: 'new-customer fee',
  per_order: 'order fee',
  milestone: 'milestone reward',
};

/** An amount of the order, in the order's currency when the original reward recorded it. */
const orderAmount = (value: Parameters<typeof money>[0], currency: string | undefined) => (currency ? money(value, currency) : number(value));

/**
 * A reversal or clawback in the partner's words, naming the refund that caused it: "Order o1 was
 * refunded 575.00 USD on 1 Mar 2026, so 100.00 USD of your reward for it was reversed", then what
 * is left of the reward and whether it nets out before payout or comes off the next one.
 */
export function explainAdjustmentForPartner(f: PartnerEntryFacts): PartnerExplanation {
  const x = f.explanation;
  const refund = obj(x.refund) ?? {};
  const original = obj(x.original) ?? {};
  const currency = str(obj(f.original?.explanation.revenue)?.currency);
  const orderEvent = obj(f.original?.explanation.event);
  const orderId = str(orderEvent?.orderId) ?? str(orderEvent?.id);
  const order = orderId ? `Order ${orderId}` : 'The order';
  const full = sameNumber(refund.fraction, '1');
  const refunded = !full
    ? `refunded ${orderAmount(refund.amount, currency)}`
    : sameNumber(refund.amount, refund.orderTotal)
      ? `refunded in full (${orderAmount(refund.amount, currency)})`
      : `refunded its last ${orderAmount(refund.amount, currency)}`;
  const originalRule = obj(f.original?.explanation.rule);
  const reward = `your ${(REWARD_NAME as Record<string, string>)[str(originalRule?.type) ?? ''] ?? 'reward'}`;
  const taken = money(new Decimal(str(f.amount) ?? '0').abs().toFixed(), f.unit);
  const clawback = f.kind === 'clawback';
  const headline = clawback
    ? `${order} was ${refunded} on ${day(refund.at)} after ${reward} from it was paid out, so ${taken} is taken back from your next payout`
    : `${order} was ${refunded} on ${day(refund.at)}, so ${taken} of ${reward} from it was reversed`;

  const customer = customerWords(f.customer, { showEmails: f.showEmails });
  const lines: Line[] = [
    {
      text: `${order}${customer ? ` of ${customer}` : ''} was ${refunded} on ${day(refund.at)}${sameNumber(refund.amount, refund.orderTotal) ? '' : `, out of ${orderAmount(refund.orderTotal, currency)}`}${full ? '' : `; ${shareWords(refund.fraction)} of the order is refunded so far`}.`,
    },
  ];
  const keep = new Decimal(1).minus(new Decimal(str(refund.fraction) ?? '0'));
  switch (str(x.reason)) {
    case 'proportional':
      lines.push({ text: `A share of revenue shrinks with the order: your reward of ${money(original.amount, f.unit)} becomes ${shareWords(keep.toFixed())} of it, ${money(x.remainingAfter, f.unit)} (rounded to ${precisionWords(f.unit)}, halves up).` });
      break;
    case 'full_refund_reverses_rest':
      lines.push({ text: 'The order is now refunded in full, so all that was left of your share of its revenue is taken back.' });
      break;
    case 'flat_reward_full_refund':
      lines.push({ text: 'A fixed fee is taken back only when the whole order is refunded, which it now is.' });
      break;
  }
  const before = str(x.alreadyReversed);
  if (before && !sameNumber(before, '0')) lines.push({ text: `Earlier refunds of this order already took back ${money(before, f.unit)}.`, tone: 'muted' });
  lines.push({ text: `Your original reward: ${money(original.amount, f.unit)}; ${money(x.remainingAfter, f.unit)} of it remains.`, entryId: str(original.entryId), entryLabel: 'Your original reward' });
  lines.push(
    clawback
      ? { text: `Your original reward had already gone into a payout, so ${taken} comes off your next payout (from ${day(f.payableAt instanceof Date ? f.payableAt : new Date(f.payableAt))}).`, tone: 'refused' }
      : { text: 'Your original reward had not been paid out yet, so the two net out before any payout.', tone: 'muted' },
  );
  return { headline, sections: [{ key: 'refund', title: 'Refund', lines }] };
}
