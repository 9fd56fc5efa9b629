import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { partners, payoutBatches, payouts } from '../schema';
import type { PayoutStatus } from '../../lib/domain/payouts';

// Reads for settling payouts (lib/server/rewards/payout-settle.ts). The rows are locked (FOR UPDATE)
// so a payout settled by two members at once is settled once: the second sees its new status.

export interface PayoutToSettle {
  id: string;
  batchId: string;
  batchReference: string;
  partnerId: string;
  partnerName: string;
  unit: string;
  amount: string;
  status: PayoutStatus;
  reference: string | null;
  failureReason: string | null;
}

const settleColumns = {
  id: payouts.id, batchId: payouts.batchId, batchReference: payoutBatches.reference, partnerId: payouts.partnerId, partnerName: partners.name,
  unit: payouts.unit, amount: payouts.amount, status: payouts.status, reference: payouts.reference, failureReason: payouts.failureReason,
};

/** One payout of the workspace, locked until the transaction ends; undefined for a foreign or unknown id. */
export async function lockPayoutToSettle(db: Executor, workspaceId: string, payoutId: string): Promise<PayoutToSettle | undefined> {
  const [row] = await db
    .select(settleColumns)
    .from(payouts)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId)))
    .for('update', { of: payouts });
  return row;
}

/**
 * Payouts of one batch, locked: the listed ids (those of other batches or workspaces are simply not
 * returned, so the caller can tell) or, without ids, every payout still processing.
 */
export async function lockBatchPayoutsToSettle(db: Executor, workspaceId: string, batchId: string, payoutIds?: string[]): Promise<PayoutToSettle[]> {
  if (payoutIds && payoutIds.length === 0) return [];
  return db
    .select(settleColumns)
    .from(payouts)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(and(
      eq(payouts.workspaceId, workspaceId),
      eq(payouts.batchId, batchId),
      payoutIds ? inArray(payouts.id, payoutIds) : eq(payouts.status, 'processing'),
    ))
    .orderBy(asc(partners.name), asc(payouts.unit))
    .for('update', { of: payouts });
}

/** Marks these processing payouts paid with one transfer reference; returns the ids it changed. */
export async function setPayoutsPaid(db: Executor, workspaceId: string, payoutIds: string[], reference: string, at: Date): Promise<string[]> {
  const changed: string[] = [];
  // in slices: a batch of a hundred thousand payouts would pass Postgres' bind parameter limit
  for (let i = 0; i < payoutIds.length; i += IDS_PER_STATEMENT) {
    const rows = await db
      .update(payouts)
      .set({ status: 'paid', reference, paidAt: at })
      .where(and(eq(payouts.workspaceId, workspaceId), inArray(payouts.id, payoutIds.slice(i, i + IDS_PER_STATEMENT)), eq(payouts.status, 'processing')))
      .returning({ id: payouts.id });
    changed.push(...rows.map((r) => r.id));
  }
  return changed;
}

const IDS_PER_STATEMENT = 10_000;
