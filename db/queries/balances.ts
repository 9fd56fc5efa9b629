import 'server-only';
import { and, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, partners, payoutItems, payouts } from '../schema';

export interface BalanceSums {
  pending: string;
  payable: string;
  processing: string;
  paid: string;
}

// §5 buckets in SQL, so balances of any number of entries cost one aggregate query. The engine's
// balanceBucket (lib/engine/balances.ts) is the reference and tests/integration/balances-agree.test.ts
// holds the two together: an entry is in the bucket of the live payout holding it, else pending or
// payable by its payable time; a failed payout holds nothing (its items are released, and even an
// unreleased one would not count); an entry written after `now` does not exist yet.
const unheld = sql`(${payouts.id} is null or ${payouts.status} = 'failed')`;
/** The four §5 sums over entries joined to their live payout item and payout (the overview's weekly chart uses them too). */
export const bucketSums = (now: Date) => ({
  pending: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${unheld} and ${ledgerEntries.payableAt} > ${now}), 0)::text`,
  payable: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${unheld} and ${ledgerEntries.payableAt} <= ${now}), 0)::text`,
  processing: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${payouts.status} = 'processing'), 0)::text`,
  paid: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${payouts.status} = 'paid'), 0)::text`,
});

async function sums(db: Executor, where: SQL, now: Date, byPartner: boolean) {
  const base = db
    .select({
      unit: ledgerEntries.unit,
      partnerId: byPartner ? ledgerEntries.partnerId : sql<string>`null`,
      partnerName: byPartner ? partners.name : sql<string>`null`,
      ...bucketSums(now),
    })
    .from(ledgerEntries)
    .innerJoin(partners, eq(partners.id, ledgerEntries.partnerId))
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(where, lte(ledgerEntries.createdAt, now)));
  return byPartner
    ? base.groupBy(ledgerEntries.unit, ledgerEntries.partnerId, partners.name).orderBy(partners.name, ledgerEntries.unit)
    : base.groupBy(ledgerEntries.unit).orderBy(ledgerEntries.unit);
}

/** Workspace totals per unit: the finance overview. */
export const workspaceTotals = (db: Executor, workspaceId: string, now: Date) => sums(db, eq(ledgerEntries.workspaceId, workspaceId), now, false);

/** Per partner and unit (console) — or for one partner (portal, statements). */
export const partnerBalances = (db: Executor, workspaceId: string, now: Date, partnerId?: string) =>
  sums(db, partnerId ? and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.partnerId, partnerId))! : eq(ledgerEntries.workspaceId, workspaceId), now, true);
