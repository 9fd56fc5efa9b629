import 'server-only';
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { partners, payoutBatches, payouts } from '../schema';

export async function listBatches(db: Executor, workspaceId: string, q: { page: number; pageSize: number }) {
  const rows = await db
    .select({
      id: payoutBatches.id,
      reference: payoutBatches.reference,
      createdAt: payoutBatches.createdAt,
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
  batch: string;
  batchAt: Date;
  partnerName: string;
  unit: string;
  amount: string;
  status: 'processing' | 'paid' | 'failed';
  reference: string | null;
  paidAt: Date | null;
  failureReason: string | null;
}

export async function listPayouts(
  db: Executor,
  scope: { workspaceId?: string; partnerIds?: string[] },
  q: { page: number; pageSize: number; status?: PayoutRow['status'] },
) {
  const conds: SQL[] = [];
  if (scope.workspaceId) conds.push(eq(payouts.workspaceId, scope.workspaceId));
  if (scope.partnerIds) conds.push(sql`${payouts.partnerId} in ${scope.partnerIds.length ? scope.partnerIds : ['00000000-0000-0000-0000-000000000000']}`);
  if (!scope.workspaceId && !scope.partnerIds) throw new Error('listPayouts needs a tenant scope');
  if (q.status) conds.push(eq(payouts.status, q.status));
  const where = and(...conds);
  const rows: PayoutRow[] = await db
    .select({
      id: payouts.id, batch: payoutBatches.reference, batchAt: payoutBatches.createdAt, partnerName: partners.name, unit: payouts.unit,
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
