import 'server-only';
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { partners, payoutBatches, payouts } from '../schema';
import type { PayoutStatus } from '../../lib/domain/payouts';

export async function listBatches(db: Executor, workspaceId: string, q: { page: number; pageSize: number }) {
  const rows = await db
    .select({
      id: payoutBatches.id,
      reference: payoutBatches.reference,
      createdAt: payoutBatches.createdAt,
      state: payoutBatches.state,
      partnersTotal: payoutBatches.partnersTotal,
      partnersDone: payoutBatches.partnersDone,
      payouts: sql<number>`count(${payouts.id})::int`,
      totals: sql<string>`coalesce(string_agg(distinct ${payouts.unit}, ', '), '')`,
      processing: sql<number>`(count(*) filter (where ${payouts.status} = 'processing'))::int`,
      failed: sql<number>`(count(*) filter (where ${payouts.status} = 'failed'))::int`,
    })
    .from(payoutBatches)
    .leftJoin(payouts, eq(payouts.batchId, payoutBatches.id))
    .where(eq(payoutBatches.workspaceId, workspaceId))
    .groupBy(payoutBatches.id)
    .orderBy(desc(payoutBatches.createdAt), desc(payoutBatches.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(payoutBatches).where(eq(payoutBatches.workspaceId, workspaceId));
  return { rows, total: total?.n ?? 0 };
}

export interface PayoutRow {
  id: string;
  batchId: string;
  batch: string;
  batchAt: Date;
  partnerName: string;
  unit: string;
  amount: string;
  status: PayoutStatus;
  reference: string | null;
  paidAt: Date | null;
  failureReason: string | null;
}

/**
 * Whose payouts: a merchant's workspace, or a partner user's own partner records (one per merchant,
 * so the portal lists across workspaces). One of the two is always required.
 */
export type PayoutScope = { workspaceId: string } | { partnerIds: readonly string[] };

// no partner record matches this: an empty id list finds nothing instead of everything
const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

export async function listPayouts(db: Executor, scope: PayoutScope, q: { page: number; pageSize: number; status?: PayoutStatus }) {
  const conds: SQL[] = [
    'workspaceId' in scope ? eq(payouts.workspaceId, scope.workspaceId) : inArray(payouts.partnerId, scope.partnerIds.length ? [...scope.partnerIds] : [NO_PARTNER]),
  ];
  if (q.status) conds.push(eq(payouts.status, q.status));
  const where = and(...conds);
  const rows: PayoutRow[] = await db
    .select({
      id: payouts.id, batchId: payouts.batchId, batch: payoutBatches.reference, batchAt: payoutBatches.createdAt, partnerName: partners.name, unit: payouts.unit,
      amount: payouts.amount, status: payouts.status, reference: payouts.reference, paidAt: payouts.paidAt, failureReason: payouts.failureReason,
    })
    .from(payouts)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(where)
    .orderBy(desc(payoutBatches.createdAt), partners.name)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(payouts).where(where);
  return { rows, total: total?.n ?? 0 };
}
