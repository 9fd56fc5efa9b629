import 'server-only';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { payoutBatches, payoutItems, payouts } from '../../schema';
import type { PayoutStatus } from '../../../lib/domain/payouts';
import { AppError } from '../../../lib/errors';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// GET /api/v1/payout-batches and /payouts. Batches page newest first on (created_at, id). A payout
// has no time of its own: it is as old as its batch, so payouts page on (batch created_at, payout
// id), the cursor's batch time read inside the query like keyset.ts does.

const batchKeyset: KeysetColumns = { table: payoutBatches, workspaceId: payoutBatches.workspaceId, time: payoutBatches.createdAt, id: payoutBatches.id };

const batchColumns = {
  id: payoutBatches.id,
  reference: payoutBatches.reference,
  createdAt: payoutBatches.createdAt,
  state: payoutBatches.state,
  partnersTotal: payoutBatches.partnersTotal,
  partnersDone: payoutBatches.partnersDone,
  filters: payoutBatches.filters,
};

export async function listApiBatches(db: Executor, workspaceId: string, page: { limit: number; startingAfter?: string }) {
  const cursor = await cursorOf(db, batchKeyset, workspaceId, page.startingAfter);
  return db
    .select(batchColumns)
    .from(payoutBatches)
    .where(and(eq(payoutBatches.workspaceId, workspaceId), beforeCursor(batchKeyset, cursor)))
    .orderBy(...newestFirst(batchKeyset))
    .limit(page.limit + 1);
}

export type ApiBatchRow = Awaited<ReturnType<typeof listApiBatches>>[number];

export async function findApiBatch(db: Executor, workspaceId: string, batchId: string): Promise<ApiBatchRow | undefined> {
  const [row] = await db.select(batchColumns).from(payoutBatches).where(and(eq(payoutBatches.workspaceId, workspaceId), eq(payoutBatches.id, batchId)));
  return row;
}

/** Per batch and unit: how many payouts and how much, in all and by status. */
export async function batchUnitTotals(db: Executor, workspaceId: string, batchIds: string[]) {
  if (batchIds.length === 0) return [];
  const sumOf = (status: PayoutStatus) => sql<string>`coalesce(sum(${payouts.amount}) filter (where ${payouts.status} = ${status}), 0)::text`;
  return db
    .select({
      batchId: payouts.batchId,
      unit: payouts.unit,
      payouts: sql<number>`count(*)::int`,
      amount: sql<string>`sum(${payouts.amount})::text`,
      processing: sumOf('processing'),
      paid: sumOf('paid'),
      failed: sumOf('failed'),
    })
    .from(payouts)
    .where(and(eq(payouts.workspaceId, workspaceId), inArray(payouts.batchId, batchIds)))
    .groupBy(payouts.batchId, payouts.unit)
    .orderBy(payouts.unit);
}

export interface ApiPayoutFilters {
  batchId?: string;
  partnerId?: string;
  status?: PayoutStatus;
}

const payoutColumns = {
  id: payouts.id,
  batchId: payouts.batchId,
  batchCreatedAt: payoutBatches.createdAt,
  partnerId: payouts.partnerId,
  amount: payouts.amount,
  unit: payouts.unit,
  status: payouts.status,
  reference: payouts.reference,
  paidAt: payouts.paidAt,
  failedAt: payouts.failedAt,
  failureReason: payouts.failureReason,
  entries: sql<number>`(select count(*) from ${payoutItems} where ${payoutItems.payoutId} = ${payouts.id})::int`,
};

function selectPayouts(db: Executor, where: SQL | undefined) {
  return db.select(payoutColumns).from(payouts).innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId)).where(where);
}

export type ApiPayoutRow = Awaited<ReturnType<typeof selectPayouts>>[number];

export async function listApiPayouts(db: Executor, workspaceId: string, f: ApiPayoutFilters, page: { limit: number; startingAfter?: string }) {
  const conds: (SQL | undefined)[] = [eq(payouts.workspaceId, workspaceId)];
  if (page.startingAfter) {
    const [cursor] = await db.select({ id: payouts.id }).from(payouts).where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, page.startingAfter)));
    if (!cursor) throw new AppError('not_found', 'starting_after is not an object of this list.', { starting_after: 'not found' });
    conds.push(sql`(${payoutBatches.createdAt}, ${payouts.id}) < (
      select cb.created_at, cp.id from ${payouts} as cp join ${payoutBatches} as cb on cb.id = cp.batch_id where cp.id = ${cursor.id}::uuid)`);
  }
  if (f.batchId) conds.push(eq(payouts.batchId, f.batchId));
  if (f.partnerId) conds.push(eq(payouts.partnerId, f.partnerId));
  if (f.status) conds.push(eq(payouts.status, f.status));
  return selectPayouts(db, and(...conds))
    .orderBy(desc(payoutBatches.createdAt), desc(payouts.id))
    .limit(page.limit + 1);
}

export async function findApiPayout(db: Executor, workspaceId: string, payoutId: string): Promise<ApiPayoutRow | undefined> {
  const [row] = await selectPayouts(db, and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId)));
  return row;
}
