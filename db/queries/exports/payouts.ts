import 'server-only';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { partners, payoutBatches, payouts } from '../../schema';
import type { PayoutStatus } from '../../../lib/domain/payouts';
import { EXPORT_PAGE_SIZE } from './page';

/** A workspace's batch by id; another tenant's id is simply not found. */
export async function findBatchForExport(db: Executor, workspaceId: string, batchId: string) {
  const [row] = await db
    .select({ id: payoutBatches.id, reference: payoutBatches.reference, createdAt: payoutBatches.createdAt, state: payoutBatches.state })
    .from(payoutBatches)
    .where(and(eq(payoutBatches.workspaceId, workspaceId), eq(payoutBatches.id, batchId)));
  return row;
}

export interface BatchPayoutRow {
  payoutId: string;
  partnerId: string;
  partnerName: string;
  partnerEmail: string;
  unit: string;
  amount: string;
  status: PayoutStatus;
  reference: string | null;
  failureReason: string | null;
  paidAt: Date | null;
  failedAt: Date | null;
}

function payoutPage(db: Executor, where: SQL, pageSize: number): Promise<BatchPayoutRow[]> {
  return db
    .select({
      payoutId: payouts.id, partnerId: payouts.partnerId, partnerName: partners.name, partnerEmail: partners.email, unit: payouts.unit,
      amount: payouts.amount, status: payouts.status, reference: payouts.reference, failureReason: payouts.failureReason,
      paidAt: payouts.paidAt, failedAt: payouts.failedAt,
    })
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(where)
    .orderBy(asc(partners.name), asc(payouts.id))
    .limit(pageSize);
}

/** The payouts of one batch by partner name (then id, which is unique), a keyset page at a time. */
export async function* batchPayoutPages(db: Executor, workspaceId: string, batchId: string, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<BatchPayoutRow[]> {
  const base = and(eq(payouts.workspaceId, workspaceId), eq(payouts.batchId, batchId))!;
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const where = after ? and(base, sql`(${partners.name}, ${payouts.id}) > (${after.name}, ${after.id}::uuid)`)! : base;
    const rows = await payoutPage(db, where, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { name: last.partnerName, id: last.payoutId };
  }
}
