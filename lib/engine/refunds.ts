import { Decimal } from './decimal';
import { EngineError } from './errors';
import type { LedgerEntryState, NewLedgerEntry } from './ledger';
import { toIso, toMs, type Instant } from './time';
import type { RuleType } from './types';
import { formatAmount, resolveUnit, roundToPrecision, type CustomUnit } from './units';

export interface RefundInput {
  refund: { id: string; at: Instant; /** Order currency; absent = the whole order. */ amount?: string | null };
  order: { id: string; /** Sum of the order's lines, in its currency. */ total: string };
  /** Sum of this order's earlier refunds, in its currency. */
  refundedBefore: string;
  /** The order's ledger entries: commissions and every reversal or clawback already written. */
  entries: LedgerEntryState[];
  units: CustomUnit[];
}

export interface RefundDecision {
  entries: NewLedgerEntry[];
  /** This refund's amount as applied (capped so the order is never refunded beyond its total). */
  appliedAmount: string;
  refundedTotal: string;
  refundedFraction: string;
}

const SHARE_BASED: readonly RuleType[] = ['one_time_share', 'recurring_share'];
const FLAT: readonly RuleType[] = ['per_customer', 'per_order'];

/**
 * §4.7. With r = refunded so far / order total (capped at 1), a share-based entry is reversed down
 * to round_half_up(original × (1 − r)); at r = 1 exactly what is left is reversed, so rounding never
 * strands a cent. Flat entries are reversed only at r = 1; milestones never. A reversal keeps the
 * original's payable time when the original is in no payout; otherwise it is a clawback payable
 * now, so it reduces the partner's next payout.
 */
export function computeRefundAdjustments(input: RefundInput): RefundDecision {
  const total = new Decimal(input.order.total);
  if (total.lte(0)) throw new EngineError('invalid_input', `order ${input.order.id} has no positive total`);
  const before = Decimal.min(new Decimal(input.refundedBefore), total);
  const requested = input.refund.amount == null ? total : new Decimal(input.refund.amount);
  if (!requested.isFinite() || requested.isNegative()) throw new EngineError('invalid_input', 'refund amount must be >= 0');
  const applied = Decimal.min(requested, total.minus(before));
  const refundedTotal = before.plus(applied);
  const r = refundedTotal.div(total);
  const full = refundedTotal.gte(total);
  const refundAtMs = toMs(input.refund.at);

  const entries: NewLedgerEntry[] = [];
  for (const original of input.entries) {
    if (original.kind !== 'commission' || original.orderId !== input.order.id || original.rule == null) continue;
    const shareBased = SHARE_BASED.includes(original.rule);
    if (!shareBased && !(FLAT.includes(original.rule) && full)) continue;

    const precision = resolveUnit(original.unit, input.units).precision;
    const originalAmount = new Decimal(original.amount);
    const alreadyReversed = input.entries
      .filter((e) => e.reversesEntryId === original.id)
      .reduce((acc, e) => acc.plus(e.amount), new Decimal(0));
    const remaining = originalAmount.plus(alreadyReversed);
    const target = full ? new Decimal(0) : roundToPrecision(originalAmount.times(new Decimal(1).minus(r)), precision);
    const delta = target.minus(remaining);
    // Only ever reduce: a reversal never gives back more than it took, nor exceeds the original.
    if (delta.gte(0)) continue;

    const clawback = original.payout != null;
    entries.push({
      partnerId: original.partnerId,
      kind: clawback ? 'clawback' : 'reversal',
      amount: formatAmount(delta, precision),
      unit: original.unit,
      programId: original.programId,
      poolId: null,
      period: null,
      rule: original.rule,
      ruleIndex: null,
      ruleSource: null,
      eventId: input.refund.id,
      orderId: original.orderId,
      milestoneName: null,
      payableAt: clawback ? toIso(refundAtMs) : toIso(original.payableAt),
      reversesEntryId: original.id,
      explanation: {
        refund: {
          id: input.refund.id,
          at: toIso(refundAtMs),
          amount: applied.toFixed(),
          refundedTotal: refundedTotal.toFixed(),
          orderTotal: total.toFixed(),
          fraction: r.toFixed(),
        },
        original: { entryId: original.id, amount: original.amount, inPayout: original.payout?.id ?? null },
        alreadyReversed: alreadyReversed.toFixed(),
        remainingAfter: formatAmount(target, precision),
        reason: shareBased ? (full ? 'full_refund_reverses_rest' : 'proportional') : 'flat_reward_full_refund',
      },
    });
  }
  return {
    entries,
    appliedAmount: applied.toFixed(),
    refundedTotal: refundedTotal.toFixed(),
    refundedFraction: r.toFixed(),
  };
}
