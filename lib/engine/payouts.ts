import { balanceBucket, existedAt } from './balances';
import { Decimal } from './decimal';
import type { LedgerEntryState } from './ledger';
import { toIso, toMs, type Instant } from './time';
import { formatAmount, resolveUnit, type CustomUnit } from './units';

export interface PayoutBatchInput {
  /** Entries in no payout (others are ignored). */
  entries: LedgerEntryState[];
  at: Instant;
  units: CustomUnit[];
  /** Minimum payout per unit; absent = 0. */
  minimumPayout?: Record<string, string>;
  /** Optional limits of the batch. */
  partnerIds?: string[];
  unitKeys?: string[];
}

export interface PlannedPayout {
  partnerId: string;
  unit: string;
  amount: string;
  entryIds: string[];
}

export interface CarriedBalance {
  partnerId: string;
  unit: string;
  amount: string;
  reason: 'not_positive' | 'below_minimum';
}

export interface PayoutBatchPlan {
  at: string;
  payouts: PlannedPayout[];
  /** Payable balances left for a later batch. */
  carriedForward: CarriedBalance[];
}

/**
 * §5: per partner and unit, all payable entries (negative ones too, so clawbacks net against new
 * earnings) go into one payout when their sum is > 0 and >= the unit's minimum; otherwise nothing
 * is taken and the balance carries forward. Each entry appears in at most one planned payout.
 */
export function planPayoutBatch(input: PayoutBatchInput): PayoutBatchPlan {
  const atMs = toMs(input.at);
  const groups = new Map<string, { partnerId: string; unit: string; sum: Decimal; entryIds: string[] }>();
  const seen = new Set<string>();
  for (const entry of input.entries) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    if (!existedAt(entry, atMs) || balanceBucket(entry, atMs) !== 'payable') continue;
    if (input.partnerIds && !input.partnerIds.includes(entry.partnerId)) continue;
    if (input.unitKeys && !input.unitKeys.includes(entry.unit)) continue;
    const key = `${entry.partnerId}\u0000${entry.unit}`;
    const group = groups.get(key) ?? { partnerId: entry.partnerId, unit: entry.unit, sum: new Decimal(0), entryIds: [] };
    group.sum = group.sum.plus(entry.amount);
    group.entryIds.push(entry.id);
    groups.set(key, group);
  }

  const payouts: PlannedPayout[] = [];
  const carriedForward: CarriedBalance[] = [];
  for (const group of groups.values()) {
    const precision = resolveUnit(group.unit, input.units).precision;
    const minimum = new Decimal(input.minimumPayout?.[group.unit] ?? '0');
    const amount = formatAmount(group.sum, precision);
    if (group.sum.lte(0)) carriedForward.push({ partnerId: group.partnerId, unit: group.unit, amount, reason: 'not_positive' });
    else if (group.sum.lt(minimum)) carriedForward.push({ partnerId: group.partnerId, unit: group.unit, amount, reason: 'below_minimum' });
    else payouts.push({ partnerId: group.partnerId, unit: group.unit, amount, entryIds: group.entryIds });
  }
  return { at: toIso(atMs), payouts, carriedForward };
}
