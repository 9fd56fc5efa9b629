import { Decimal } from './decimal';
import { isApprovedAt } from './eligibility';
import { EngineError } from './errors';
import type { NewLedgerEntry } from './ledger';
import type { PoolMetric } from '../domain/pools';
import { parsePoolPeriod, type PoolPeriodKind } from './periods';
import { customersMetric, revenueMetric, type PoolCredit, type PoolRefund } from './pool-metrics';
import { ratioFromDecimal } from './ratio';
import { splitByLargestRemainder } from './split';
import { toIso, toMs, type Instant } from './time';
import type { CustomerBinding, EnrollmentState } from './types';
import { formatAmount, resolveUnit, roundToPrecision, type CustomUnit } from './units';

export interface PoolConfig {
  id: string;
  unit: string;
  /** Bonus amount per period, in the pool's unit. */
  amount: string;
  period: PoolPeriodKind;
  programIds: string[];
  metric: PoolMetric;
  goal: string;
}

export interface PoolCloseInput {
  pool: PoolConfig;
  /** "2026-Q1" or "2026". */
  period: string;
  closingAt: Instant;
  units: CustomUnit[];
  /** Enrollments in the member programs. */
  enrollments: EnrollmentState[];
  /** revenue: credits of orders in the period and of orders refunded in the period. */
  credits?: PoolCredit[];
  refunds?: PoolRefund[];
  /** customers: bindings in the member programs. */
  bindings?: CustomerBinding[];
}

export interface PoolStanding {
  partnerId: string;
  metric: string;
  qualified: boolean;
  bonus: string | null;
}

export interface PoolCloseDecision {
  period: string;
  entries: NewLedgerEntry[];
  standings: PoolStanding[];
}

/**
 * §6: closing a pool period. The service records the closing under a unique (pool, period) key so
 * that closing again changes nothing; the engine only refuses a period that has not ended.
 * Partners approved in a member program at closing time are measured; those strictly above the
 * goal share the amount in proportion to their metric, by largest remainder (ties: larger metric,
 * then earlier enrollment), so the bonuses add up to the amount exactly.
 */
export function closePoolPeriod(input: PoolCloseInput): PoolCloseDecision {
  const { pool } = input;
  const bounds = parsePoolPeriod(pool.period, input.period);
  const closingMs = toMs(input.closingAt);
  if (closingMs < bounds.endMs) {
    throw new EngineError('period_not_ended', `period ${bounds.key} ends ${toIso(bounds.endMs)}`, { period: bounds.key });
  }
  const unit = resolveUnit(pool.unit, input.units);
  const goal = new Decimal(pool.goal);
  const metrics =
    pool.metric === 'revenue'
      ? revenueMetric(input.credits ?? [], input.refunds ?? [], pool.programIds, bounds)
      : customersMetric(input.bindings ?? [], pool.programIds, bounds);

  // Earliest enrollment in any member program (then input order) is the final tie-break.
  const enrolledAt = new Map<string, { ms: number; index: number }>();
  input.enrollments.forEach((e, index) => {
    if (!pool.programIds.includes(e.programId) || !isApprovedAt(e, closingMs)) return;
    const ms = toMs(e.enrolledAt ?? e.approvedAt ?? 0);
    const current = enrolledAt.get(e.partnerId);
    if (!current || ms < current.ms) enrolledAt.set(e.partnerId, { ms, index });
  });
  const earlier = (a: string, b: string) => {
    const x = enrolledAt.get(a)!;
    const y = enrolledAt.get(b)!;
    return x.ms - y.ms || x.index - y.index;
  };

  const measured = [...enrolledAt.keys()].map((partnerId) => ({ partnerId, metric: metrics.get(partnerId) ?? new Decimal(0) }));
  const qualifiers = measured
    .filter((m) => m.metric.gt(goal) && m.metric.gt(0))
    .sort((a, b) => b.metric.cmp(a.metric) || earlier(a.partnerId, b.partnerId));
  const amount = roundToPrecision(pool.amount, unit.precision);
  const bonuses = qualifiers.length ? splitByLargestRemainder(amount, unit.precision, qualifiers.map((q) => ratioFromDecimal(q.metric))) : [];
  const bonusOf = new Map(qualifiers.map((q, i) => [q.partnerId, bonuses[i]]));

  const standings: PoolStanding[] = measured.map((m) => ({
    partnerId: m.partnerId,
    metric: m.metric.toFixed(),
    qualified: bonusOf.has(m.partnerId),
    bonus: bonusOf.has(m.partnerId) ? formatAmount(bonusOf.get(m.partnerId)!, unit.precision) : null,
  }));
  const entries: NewLedgerEntry[] = qualifiers
    .map((q, i) => ({ q, bonus: bonuses[i] }))
    .filter(({ bonus }) => !bonus.isZero())
    .map(({ q, bonus }) => ({
      partnerId: q.partnerId,
      kind: 'bonus',
      amount: formatAmount(bonus, unit.precision),
      unit: unit.key,
      programId: null,
      poolId: pool.id,
      period: bounds.key,
      rule: null,
      ruleIndex: null,
      ruleSource: null,
      eventId: null,
      orderId: null,
      milestoneName: null,
      payableAt: toIso(closingMs),
      reversesEntryId: null,
      explanation: {
        pool: { id: pool.id, period: bounds.key, start: toIso(bounds.startMs), end: toIso(bounds.endMs) },
        metric: pool.metric,
        goal: goal.toFixed(),
        partnerMetric: q.metric.toFixed(),
        qualifiersMetricTotal: qualifiers.reduce((acc, x) => acc.plus(x.metric), new Decimal(0)).toFixed(),
        poolAmount: formatAmount(amount, unit.precision),
        method: 'proportional_largest_remainder',
        standings: standings.map((s) => ({ ...s })),
      },
    }));
  return { period: bounds.key, entries, standings };
}
