import 'server-only';
import type { Database, Transaction } from '../../../db/client';
import { recordAudit } from '../../../db/queries/audit';
import { advanceBatchBuild, buildingBatchesOfAllWorkspaces, buildingBatchOf, readBatchBuild } from '../../../db/queries/payout-build';
import { findPayoutBatchId, insertPayoutBatch, insertPayouts, lockPayoutBatches, type PayoutRecord } from '../../../db/queries/payout-writes';
import { loadWorkspaceConfig } from '../../../db/queries/reward-state';
import type { CarriedBalance } from '../../engine';
import { AppError } from '../../errors';
import { formatNumber } from '../../format';
import { enqueueWebhooks } from '../webhooks/outbox';
import { PARTNERS_PER_CHUNK, planChunk, walkBatchPlan, type BatchScope } from './payout-plan';

// A confirmed batch is written in chunks of partners, each chunk its own short transaction holding
// the workspace's batch lock: the request that confirmed it returns at once and the build runs after
// the response (and from the build job, which also resumes batches a restart interrupted). Whoever
// holds the lock reads the batch's cursor afresh, so two builders at once take turns, never the same
// partners twice; the unique index payouts(batch, partner, unit) would refuse a second payout anyway.

export interface ConfirmBatchRequest {
  reference: string;
  at: Date;
  units?: string[];
  partnerIds?: string[];
  createdBy: string | null;
  /** the fingerprint of the preview the person confirmed */
  preview: string;
}

export type ConfirmBatchResult = { created: true; batchId: string; partners: number; payouts: number } | { created: false; batchId: string };

/**
 * Creates the batch in state `building` if, under the lock, the plan is still the one previewed.
 * Refused while another batch of the workspace is building: its preview would still count the
 * balances that batch is about to take. A name in use returns that batch (creating twice is a no-op).
 */
export async function confirmPayoutBatch(db: Database, workspaceId: string, req: ConfirmBatchRequest, opts: { chunkSize?: number } = {}): Promise<ConfirmBatchResult> {
  return db.transaction(async (tx) => {
    await lockPayoutBatches(tx, workspaceId);
    const existing = await findPayoutBatchId(tx, workspaceId, req.reference);
    if (existing) return { created: false, batchId: existing };
    const building = await buildingBatchOf(tx, workspaceId);
    if (building) {
      throw new AppError('conflict', `Batch “${building.reference}” is still being built (${formatNumber(building.partnersDone)} of ${formatNumber(building.partnersTotal)} partners). Confirm this one when it is ready.`);
    }
    const scope: BatchScope = { at: req.at, partnerIds: req.partnerIds, units: req.units };
    let payouts = 0;
    const walked = await walkBatchPlan(tx, workspaceId, scope, (chunk) => void (payouts += chunk.plan.payouts.length), opts.chunkSize);
    if (walked.fingerprint !== req.preview) {
      throw new AppError('conflict', 'The balances changed since this preview (new entries, a hold that ended, or another batch or a failed transfer). The preview now shows what would be created: review it and confirm again.');
    }
    if (payouts === 0) throw new AppError('invalid_input', 'Nothing to pay: no payable balance reaches its minimum.');
    const filters = { partnerIds: req.partnerIds, units: req.units };
    const batchId = (await insertPayoutBatch(tx, workspaceId, {
      reference: req.reference, createdAt: req.at, createdBy: req.createdBy, filters, state: 'building', partnersTotal: walked.partners,
    }))!;
    await recordAudit(tx, {
      workspaceId, actorUserId: req.createdBy, action: 'payout_batch.created', subjectType: 'payout_batch', subjectId: batchId, at: req.at,
      after: { reference: req.reference, at: req.at.toISOString(), units: req.units ?? null, partnerIds: req.partnerIds ?? null, partners: walked.partners, payouts },
    });
    return { created: true, batchId, partners: walked.partners, payouts };
  });
}

export interface BuiltChunk {
  /** the batch is ready (this chunk was its last, or it was ready already) */
  done: boolean;
  payouts: PayoutRecord[];
  carriedForward: CarriedBalance[];
}

/**
 * Builds the next chunk of the batch inside `tx`: its partners after the cursor, planned at the
 * batch's own time (so entries are taken as payable when the batch was created, whenever the chunk
 * runs), their payouts and items written, the cursor and progress moved on.
 */
export async function buildBatchChunkIn(tx: Transaction, workspaceId: string, batchId: string, chunkSize = PARTNERS_PER_CHUNK): Promise<BuiltChunk> {
  await lockPayoutBatches(tx, workspaceId);
  const batch = await readBatchBuild(tx, workspaceId, batchId);
  if (!batch || batch.state === 'ready') return { done: true, payouts: [], carriedForward: [] };
  const config = await loadWorkspaceConfig(tx, workspaceId);
  const scope: BatchScope = { at: batch.createdAt, partnerIds: batch.filters.partnerIds, units: batch.filters.units };
  const chunk = await planChunk(tx, workspaceId, config, scope, batch.buildCursor, chunkSize);
  const created = await insertPayouts(tx, workspaceId, batchId, chunk.plan.payouts);
  await enqueueWebhooks(tx, workspaceId, 'payout.created', created.map((payout) => ({ payout: { ...payout, batch: batch.reference, status: 'processing' } })), batch.createdAt);
  const done = chunk.partnerIds.length < chunkSize;
  await advanceBatchBuild(tx, workspaceId, batchId, { cursor: chunk.partnerIds.at(-1) ?? batch.buildCursor, partners: chunk.partnerIds.length, ready: done });
  return { done, payouts: created, carriedForward: chunk.plan.carriedForward };
}

/** Builds a batch chunk after chunk, each in its own transaction, until it is ready or the budget is spent. */
export async function buildPayoutBatch(db: Database, workspaceId: string, batchId: string, opts: { chunkSize?: number; budgetMs?: number } = {}): Promise<{ ready: boolean; chunks: number }> {
  const deadline = Date.now() + (opts.budgetMs ?? Number.POSITIVE_INFINITY);
  let chunks = 0;
  for (;;) {
    const step = await db.transaction((tx) => buildBatchChunkIn(tx, workspaceId, batchId, opts.chunkSize));
    chunks += 1;
    if (step.done) return { ready: true, chunks };
    if (Date.now() >= deadline) return { ready: false, chunks };
  }
}

/**
 * The build job (app/api/jobs/build-payout-batches, the dev ticker): finishes every batch left
 * `building` in any workspace, e.g. after the server restarted mid-build. Idempotent: a ready batch
 * is left alone, and a builder already at work just takes turns with it.
 */
export async function resumeBuildingBatches(db: Database, opts: { chunkSize?: number; budgetMs?: number } = {}): Promise<{ building: number; finished: number }> {
  const deadline = Date.now() + (opts.budgetMs ?? 50_000);
  const batches = await buildingBatchesOfAllWorkspaces(db);
  let finished = 0;
  for (const b of batches) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const result = await buildPayoutBatch(db, b.workspaceId, b.id, { chunkSize: opts.chunkSize, budgetMs: left });
    if (result.ready) finished += 1;
  }
  return { building: batches.length, finished };
}
