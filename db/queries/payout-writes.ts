import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../client';
import { payoutBatches, payoutItems, payouts } from '../schema';

// Writes of payout batches and their payouts. The service (lib/server/rewards/payouts.ts) decides
// what goes into a batch and runs these in its transaction.

export interface PayoutRecord {
  id: string;
  partnerId: string;
  unit: string;
  amount: string;
}

const payoutColumns = { id: payouts.id, partnerId: payouts.partnerId, unit: payouts.unit, amount: payouts.amount };

/** Serialises batch creation within one workspace until the transaction ends. */
export async function lockPayoutBatches(tx: Transaction, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payout-batch:${workspaceId}`}, 0))`);
}

/** The new batch's id, or undefined when the workspace has a batch of this reference already. */
export async function insertPayoutBatch(
  db: Executor,
  workspaceId: string,
  batch: { reference: string; createdAt: Date; createdBy: string | null; filters: { partnerIds?: string[]; units?: string[] } },
): Promise<string | undefined> {
  const [row] = await db
    .insert(payoutBatches)
    .values({ workspaceId, ...batch })
    .onConflictDoNothing({ target: [payoutBatches.workspaceId, payoutBatches.reference] })
    .returning({ id: payoutBatches.id });
  return row?.id;
}

export async function findPayoutBatchId(db: Executor, workspaceId: string, reference: string): Promise<string | undefined> {
  const [row] = await db.select({ id: payoutBatches.id }).from(payoutBatches).where(and(eq(payoutBatches.workspaceId, workspaceId), eq(payoutBatches.reference, reference)));
  return row?.id;
}

/** One payout with the ledger entries it pays. */
export async function insertPayout(
  db: Executor,
  workspaceId: string,
  payout: { batchId: string; partnerId: string; unit: string; amount: string; entryIds: string[] },
): Promise<PayoutRecord> {
  const [row] = await db
    .insert(payouts)
    .values({ workspaceId, batchId: payout.batchId, partnerId: payout.partnerId, unit: payout.unit, amount: payout.amount })
    .returning(payoutColumns);
  await db.insert(payoutItems).values(payout.entryIds.map((entryId) => ({ payoutId: row.id, entryId, workspaceId })));
  return row;
}

/** Settles a processing payout as paid; undefined when there is no processing payout of this id. */
export async function setProcessingPayoutPaid(db: Executor, workspaceId: string, payoutId: string, reference: string, at: Date): Promise<PayoutRecord | undefined> {
  const [row] = await db
    .update(payouts)
    .set({ status: 'paid', reference, paidAt: at })
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId), eq(payouts.status, 'processing')))
    .returning(payoutColumns);
  return row;
}

/** Settles a processing payout as failed; false when there is no processing payout of this id. */
export async function setProcessingPayoutFailed(db: Executor, workspaceId: string, payoutId: string, reason: string, at: Date): Promise<boolean> {
  const [row] = await db
    .update(payouts)
    .set({ status: 'failed', failureReason: reason, failedAt: at })
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId), eq(payouts.status, 'processing')))
    .returning({ id: payouts.id });
  return Boolean(row);
}

/** Gives a payout's entries back to the payable balance (the live-item unique index lets them go again). */
export async function releasePayoutItems(db: Executor, workspaceId: string, payoutId: string) {
  await db.update(payoutItems).set({ released: true }).where(and(eq(payoutItems.workspaceId, workspaceId), eq(payoutItems.payoutId, payoutId)));
}

export async function payoutsOfBatch(db: Executor, workspaceId: string, reference: string) {
  return db
    .select({ id: payouts.id, status: payouts.status })
    .from(payouts)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payoutBatches.reference, reference)));
}
