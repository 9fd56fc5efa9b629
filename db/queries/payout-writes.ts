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
  batch: {
    reference: string; createdAt: Date; createdBy: string | null; filters: { partnerIds?: string[]; units?: string[] };
    /** a batch confirmed in the console starts `building` with the partners its preview counted */
    state?: 'building' | 'ready'; partnersTotal?: number;
  },
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

// rows per insert of payout items: far below Postgres' 65,535 bind parameters (3 per row)
const ITEMS_PER_INSERT = 5_000;

/** The payouts of one built chunk, each with the ledger entries it pays, in a few statements. */
export async function insertPayouts(
  db: Executor,
  workspaceId: string,
  batchId: string,
  planned: { partnerId: string; unit: string; amount: string; entryIds: string[] }[],
): Promise<PayoutRecord[]> {
  if (planned.length === 0) return [];
  const rows = await db
    .insert(payouts)
    .values(planned.map((p) => ({ workspaceId, batchId, partnerId: p.partnerId, unit: p.unit, amount: p.amount })))
    .returning(payoutColumns);
  // (batch, partner, unit) is unique, so the returned rows map back to their plan by that pair
  const idOf = new Map(rows.map((r) => [`${r.partnerId}\u0000${r.unit}`, r.id]));
  const items = planned.flatMap((p) => p.entryIds.map((entryId) => ({ payoutId: idOf.get(`${p.partnerId}\u0000${p.unit}`)!, entryId, workspaceId })));
  for (let i = 0; i < items.length; i += ITEMS_PER_INSERT) await db.insert(payoutItems).values(items.slice(i, i + ITEMS_PER_INSERT));
  const byKey = new Map(rows.map((r) => [`${r.partnerId}\u0000${r.unit}`, r]));
  return planned.map((p) => byKey.get(`${p.partnerId}\u0000${p.unit}`)!);
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
