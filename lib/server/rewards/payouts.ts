import 'server-only';
import { inOrder } from '../../../db/in-order';
import type { Database } from '../../../db/client';
import {
  findPayoutBatchId, insertPayout, insertPayoutBatch, lockPayoutBatches, payoutsOfBatch, releasePayoutItems, setProcessingPayoutFailed,
  setProcessingPayoutPaid, type PayoutRecord,
} from '../../../db/queries/payout-writes';
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
    await lockPayoutBatches(tx, workspaceId);
    const batchId = await insertPayoutBatch(tx, workspaceId, {
      reference: req.reference, createdAt: req.at, createdBy: req.createdBy ?? null, filters: { partnerIds: req.partnerIds, units: req.units },
    });
    if (!batchId) {
      const existing = await findPayoutBatchId(tx, workspaceId, req.reference);
      return { batchId: existing!, created: false, payouts: [] as PayoutRecord[], carriedForward: [] };
    }
    const [config, entries] = await inOrder(
      () => loadWorkspaceConfig(tx, workspaceId),
      () => loadEntryStates(tx, workspaceId, { onlyUnpaid: true }),
    );
    const plan = planPayoutBatch({
      entries, at: req.at, units: config.units, minimumPayout: config.minimumPayout, partnerIds: req.partnerIds, unitKeys: req.units,
    });
    const created: PayoutRecord[] = [];
    for (const p of plan.payouts) {
      created.push(await insertPayout(tx, workspaceId, { batchId, partnerId: p.partnerId, unit: p.unit, amount: p.amount, entryIds: p.entryIds }));
    }
    await enqueueWebhooks(tx, workspaceId, 'payout.created', created.map((payout) => ({ payout: { ...payout, batch: req.reference, status: 'processing' } })), req.at);
    return { batchId, created: true, payouts: created, carriedForward: plan.carriedForward };
  });
}

/** Marks a processing payout paid with the transfer's reference. */
export async function markPayoutPaid(db: Database, workspaceId: string, payoutId: string, reference: string, at: Date) {
  await db.transaction(async (tx) => {
    const row = await setProcessingPayoutPaid(tx, workspaceId, payoutId, reference, at);
    if (!row) throw new AppError('not_found', 'No processing payout with this id.');
    await enqueueWebhooks(tx, workspaceId, 'payout.paid', [{ payout: { ...row, status: 'paid', reference, paidAt: at.toISOString() } }], at);
  });
}

/** A failed transfer: the payout's entries are released and become payable again. */
export async function markPayoutFailed(db: Database, workspaceId: string, payoutId: string, reason: string, at: Date) {
  await db.transaction(async (tx) => {
    if (!(await setProcessingPayoutFailed(tx, workspaceId, payoutId, reason, at))) throw new AppError('not_found', 'No processing payout with this id.');
    await releasePayoutItems(tx, workspaceId, payoutId);
  });
}

export async function payoutIdsOfBatch(db: Database, workspaceId: string, reference: string) {
  return payoutsOfBatch(db, workspaceId, reference);
}
