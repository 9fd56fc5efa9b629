import 'server-only';
import type { Database } from '../../../db/client';
import { recordAudit } from '../../../db/queries/audit';
import { findPayoutBatchId, insertPayoutBatch, lockPayoutBatches, payoutsOfBatch, type PayoutRecord } from '../../../db/queries/payout-writes';
import type { CarriedBalance } from '../../engine';
import { buildBatchChunkIn } from './payout-build';

export { markPayoutFailed, markPayoutPaid } from './payout-settle';

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
 * is positive and reaches the unit's minimum. The whole batch in one transaction, built by the same
 * chunk builder the console's batches use: the scenario runner, the demo seed and tests call this
 * and get the finished batch back. Batches of one workspace are created one at a time (advisory
 * lock), and the live-item unique index guarantees no entry is in two payouts anyway.
 */
export async function createPayoutBatch(db: Database, workspaceId: string, req: BatchRequest) {
  return db.transaction(async (tx) => {
    await lockPayoutBatches(tx, workspaceId);
    const batchId = await insertPayoutBatch(tx, workspaceId, {
      reference: req.reference, createdAt: req.at, createdBy: req.createdBy ?? null, filters: { partnerIds: req.partnerIds, units: req.units }, state: 'building',
    });
    if (!batchId) {
      const existing = await findPayoutBatchId(tx, workspaceId, req.reference);
      return { batchId: existing!, created: false, payouts: [] as PayoutRecord[], carriedForward: [] as CarriedBalance[] };
    }
    const payouts: PayoutRecord[] = [];
    const carriedForward: CarriedBalance[] = [];
    for (let done = false; !done; ) {
      const chunk = await buildBatchChunkIn(tx, workspaceId, batchId);
      payouts.push(...chunk.payouts);
      carriedForward.push(...chunk.carriedForward);
      done = chunk.done;
    }
    await recordAudit(tx, {
      workspaceId, actorUserId: req.createdBy ?? null, action: 'payout_batch.created', subjectType: 'payout_batch', subjectId: batchId, at: req.at,
      after: { reference: req.reference, at: req.at.toISOString(), units: req.units ?? null, partnerIds: req.partnerIds ?? null, payouts: payouts.length },
    });
    return { batchId, created: true, payouts, carriedForward };
  });
}

export async function payoutIdsOfBatch(db: Database, workspaceId: string, reference: string) {
  return payoutsOfBatch(db, workspaceId, reference);
}
