import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, payoutBatches, payouts } from '../schema';

// Whole-workspace read-outs of the ledger for the scenario runner's report and the benchmarks'
// checks (not for pages: these are unpaged).

/** Every entry of the workspace in the order it was written. */
export async function entriesInWrittenOrder(db: Executor, workspaceId: string) {
  return db
    .select({
      partnerId: ledgerEntries.partnerId, programId: ledgerEntries.programId, poolId: ledgerEntries.poolId, poolPeriod: ledgerEntries.poolPeriod,
      kind: ledgerEntries.kind, rule: ledgerEntries.rule, orderRef: ledgerEntries.orderRef, amount: ledgerEntries.amount, unit: ledgerEntries.unit,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.workspaceId, workspaceId))
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
}

/** Every payout of the workspace with its batch reference, batch by batch. */
export async function payoutsInBatchOrder(db: Executor, workspaceId: string) {
  return db
    .select({ batch: payoutBatches.reference, partnerId: payouts.partnerId, unit: payouts.unit, amount: payouts.amount, status: payouts.status })
    .from(payouts)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(eq(payouts.workspaceId, workspaceId))
    .orderBy(asc(payoutBatches.createdAt), asc(payouts.id));
}

/** Entry count and sum per unit: two runs of one workload must write the same ledger. */
export async function ledgerTotalsByUnit(db: Executor, workspaceId: string) {
  const rows = await db
    .select({ unit: ledgerEntries.unit, n: count(), sum: sql<string>`sum(${ledgerEntries.amount})::text` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.workspaceId, workspaceId))
    .groupBy(ledgerEntries.unit)
    .orderBy(ledgerEntries.unit);
  return { count: rows.reduce((s, r) => s + r.n, 0), byUnit: rows };
}

export async function countEntries(db: Executor, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId));
  return row?.n ?? 0;
}
