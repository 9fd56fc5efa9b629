import 'server-only';
import { inOrder } from '../../../db/in-order';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { payoutBatches, payoutItems, payouts } from '../../../db/schema';
import { loadEntryStates } from '../../../db/queries/ledger';
import { loadWorkspaceConfig } from '../../../db/queries/reward-state';
import { planPayoutBatch } from '../../engine';
import { AppError } from '../../errors';
import { enqueueWebhooks } from '../webhooks/outbox';

export interface BatchRequest {
  /** the batch's name, unique per workspace: creating the same batch twice is a no-op */
  reference: string;
  at: Date;
  partnerIds?: string[];
  units?: string[];
  createdBy?: string | null;
}

/**
 * §5: takes every payable entry (negatives too) per partner and unit into one payout when the sum
 * is positive and reaches the unit's minimum. Batches of one workspace are created one at a time
 * (advisory lock), and the live-item unique index guarantees no entry is in two payouts anyway.
 */
export async function createPayoutBatch(db: Database, workspaceId: string, req: BatchRequest) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payout-batch:${workspaceId}`}, 0))`);
    const [batch] = await tx
      .insert(payoutBatches)
      .values({ workspaceId, reference: req.reference, createdAt: req.at, createdBy: req.createdBy ?? null, filters: { partnerIds: req.partnerIds, units: req.units } })
      .onConflictDoNothing({ target: [payoutBatches.workspaceId, payoutBatches.reference] })
      .returning({ id: payoutBatches.id });
    if (!batch) {
      const [existing] = await tx.select({ id: payoutBatches.id }).from(payoutBatches).where(and(eq(payoutBatches.workspaceId, workspaceId), eq(payoutBatches.reference, req.reference)));
      return { batchId: existing.id, created: false, payouts: [] as { id: string; partnerId: string; unit: string; amount: string }[], carriedForward: [] };
    }
    const [config, entries] = await inOrder(
    () => loadWorkspaceConfig(tx, workspaceId),
    () => loadEntryStates(tx, workspaceId, { onlyUnpaid: true }),
  );
    const plan = planPayoutBatch({
      entries, at: req.at, units: config.units, minimumPayout: config.minimumPayout, partnerIds: req.partnerIds, unitKeys: req.units,
    });
    const created = [];
    for (const p of plan.payouts) {
      const [row] = await tx
        .insert(payouts)
        .values({ workspaceId, batchId: batch.id, partnerId: p.partnerId, unit: p.unit, amount: p.amount })
        .returning({ id: payouts.id, partnerId: payouts.partnerId, unit: payouts.unit, amount: payouts.amount });
      await tx.insert(payoutItems).values(p.entryIds.map((entryId) => ({ payoutId: row.id, entryId, workspaceId })));
      created.push(row);
    }
    await enqueueWebhooks(tx, workspaceId, 'payout.created', created.map((payout) => ({ payout: { ...payout, batch: req.reference, status: 'processing' } })), req.at);
    return { batchId: batch.id, created: true, payouts: created, carriedForward: plan.carriedForward };
  });
}

/** Marks a processing payout paid with the transfer's reference. */
export async function markPayoutPaid(db: Database, workspaceId: string, payoutId: string, reference: string, at: Date) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(payouts)
      .set({ status: 'paid', reference, paidAt: at })
      .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId), eq(payouts.status, 'processing')))
      .returning({ id: payouts.id, partnerId: payouts.partnerId, unit: payouts.unit, amount: payouts.amount });
    if (!row) throw new AppError('not_found', 'No processing payout with this id.');
    await enqueueWebhooks(tx, workspaceId, 'payout.paid', [{ payout: { ...row, status: 'paid', reference, paidAt: at.toISOString() } }], at);
  });
}

/** A failed transfer: the payout's entries are released and become payable again. */
export async function markPayoutFailed(db: Database, workspaceId: string, payoutId: string, reason: string, at: Date) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(payouts)
      .set({ status: 'failed', failureReason: reason, failedAt: at })
      .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId), eq(payouts.status, 'processing')))
      .returning({ id: payouts.id });
    if (!row) throw new AppError('not_found', 'No processing payout with this id.');
    await tx.update(payoutItems).set({ released: true }).where(eq(payoutItems.payoutId, payoutId));
  });
}

export async function payoutIdsOfBatch(db: Database, workspaceId: string, reference: string) {
  return db
    .select({ id: payouts.id, status: payouts.status })
    .from(payouts)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payoutBatches.reference, reference)));
}
