import { Decimal } from './decimal';
import { parseRatio } from './ratio';
import { inPeriod, type PeriodBounds } from './periods';
import { toMs, type Instant } from './time';
import type { CustomerBinding } from './types';

/** An order's credit to a partner in one member program (from OrderRewardDecision.credits). */
export interface PoolCredit {
  orderId: string;
  programId: string;
  partnerId: string;
  creditedRevenueBase: string;
  at: Instant;
}

/** A refund of an order; `fraction` = its applied amount / the order total. */
export interface PoolRefund {
  orderId: string;
  at: Instant;
  fraction: string;
}

/** One order counts once per partner, with its largest credit over the member programs. */
function largestCreditPerOrder(credits: readonly PoolCredit[], programIds: readonly string[]): Map<string, Map<string, { amount: Decimal; atMs: number }>> {
  const byOrder = new Map<string, Map<string, { amount: Decimal; atMs: number }>>();
  for (const credit of credits) {
    if (!programIds.includes(credit.programId)) continue;
    const partners = byOrder.get(credit.orderId) ?? new Map<string, { amount: Decimal; atMs: number }>();
    const amount = new Decimal(credit.creditedRevenueBase);
    const current = partners.get(credit.partnerId);
    if (!current || amount.gt(current.amount)) partners.set(credit.partnerId, { amount, atMs: toMs(credit.at) });
    byOrder.set(credit.orderId, partners);
  }
  return byOrder;
}

/**
 * `revenue`: credited base-currency revenue of orders in the period, minus the refunded fraction
 * of credited revenue for refunds made in the period (of whichever order), i.e. net of refunds as
 * they happen, matching how clawbacks hit the period they occur in.
 */
export function revenueMetric(
  credits: readonly PoolCredit[],
  refunds: readonly PoolRefund[],
  programIds: readonly string[],
  bounds: PeriodBounds,
): Map<string, Decimal> {
  const byOrder = largestCreditPerOrder(credits, programIds);
  const metric = new Map<string, Decimal>();
  const add = (partnerId: string, amount: Decimal) => metric.set(partnerId, (metric.get(partnerId) ?? new Decimal(0)).plus(amount));
  for (const partners of byOrder.values()) {
    for (const [partnerId, credit] of partners) if (inPeriod(bounds, credit.atMs)) add(partnerId, credit.amount);
  }
  for (const refund of refunds) {
    if (!inPeriod(bounds, toMs(refund.at))) continue;
    for (const [partnerId, credit] of byOrder.get(refund.orderId) ?? []) add(partnerId, credit.amount.times(refund.fraction).negated());
  }
  return metric;
}

/** `customers`: distinct customers newly bound to the partner in a member program during the period. */
export function customersMetric(bindings: readonly CustomerBinding[], programIds: readonly string[], bounds: PeriodBounds): Map<string, Decimal> {
  const customers = new Map<string, Set<string>>();
  for (const binding of bindings) {
    if (!programIds.includes(binding.programId) || !inPeriod(bounds, toMs(binding.boundAt))) continue;
    for (const share of binding.shares) {
      if (parseRatio(share.share).n === 0n) continue;
      const set = customers.get(share.partnerId) ?? new Set<string>();
      set.add(binding.customerId);
      customers.set(share.partnerId, set);
    }
  }
  return new Map([...customers].map(([partnerId, set]) => [partnerId, new Decimal(set.size)]));
}
