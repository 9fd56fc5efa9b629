import { Decimal } from './decimal';
import type { LedgerEntryState } from './ledger';
import type { BalanceBucket } from '../domain/ledger';
import { toMs, type Instant } from './time';
import { formatAmount, resolveUnit, type CustomUnit } from './units';

export interface BalanceRow {
  partnerId: string;
  unit: string;
  pending: string;
  payable: string;
  processing: string;
  paid: string;
}

type Bucket = BalanceBucket;

/** Where an entry stands at time T (§5). Entries of a failed payout come back with payout null. */
export function balanceBucket(entry: LedgerEntryState, atMs: number): Bucket {
  if (entry.payout) return entry.payout.status;
  return toMs(entry.payableAt) > atMs ? 'pending' : 'payable';
}

export function existedAt(entry: LedgerEntryState, atMs: number): boolean {
  return entry.createdAt == null || toMs(entry.createdAt) <= atMs;
}

/**
 * Balances per partner and unit at time T. Every partner and unit with an entry gets a row, even
 * when all four sums are zero. Entries created after T are not counted. Rows come sorted by
 * partner, then unit, for stable output.
 */
export function computeBalances(entries: readonly LedgerEntryState[], at: Instant, units: readonly CustomUnit[]): BalanceRow[] {
  const atMs = toMs(at);
  const sums = new Map<string, { partnerId: string; unit: string } & Record<Bucket, Decimal>>();
  for (const entry of entries) {
    if (!existedAt(entry, atMs)) continue;
    const key = `${entry.partnerId}\u0000${entry.unit}`;
    let row = sums.get(key);
    if (!row) {
      const zero = new Decimal(0);
      row = { partnerId: entry.partnerId, unit: entry.unit, pending: zero, payable: zero, processing: zero, paid: zero };
      sums.set(key, row);
    }
    const bucket = balanceBucket(entry, atMs);
    row[bucket] = row[bucket].plus(entry.amount);
  }
  return [...sums.values()]
    .sort((a, b) => (a.partnerId === b.partnerId ? (a.unit < b.unit ? -1 : 1) : a.partnerId < b.partnerId ? -1 : 1))
    .map((row) => {
      const precision = resolveUnit(row.unit, units).precision;
      return {
        partnerId: row.partnerId,
        unit: row.unit,
        pending: formatAmount(row.pending, precision),
        payable: formatAmount(row.payable, precision),
        processing: formatAmount(row.processing, precision),
        paid: formatAmount(row.paid, precision),
      };
    });
}
