import 'server-only';
import { createHash } from 'node:crypto';
import type { Executor } from '../../../db/client';
import { nextPartnersToPay, takeableEntriesOf, type BatchScope } from '../../../db/queries/payout-build';
import { loadWorkspaceConfig } from '../../../db/queries/reward-state';
import { planPayoutBatch, type PayoutBatchPlan } from '../../engine';

// A payout batch is planned one chunk of partners at a time, in partner id order, by the engine's
// own planPayoutBatch. The preview, the confirm's fingerprint check and the build all go through
// `planChunk`, so what the preview shows is what the build writes.

/** Partners per chunk: one chunk is one short transaction of the build. */
export const PARTNERS_PER_CHUNK = 200;

export type { BatchScope };

export interface ChunkPlan {
  /** the chunk's partners, in id order; the last one is the build's next cursor */
  partnerIds: string[];
  plan: PayoutBatchPlan;
  /** entries per partner and unit (`${partnerId}\u0000${unit}`), for the preview's counts */
  entryCounts: Map<string, number>;
}

export const groupKey = (partnerId: string, unit: string) => `${partnerId}\u0000${unit}`;

type WorkspaceConfig = Awaited<ReturnType<typeof loadWorkspaceConfig>>;

/** Plans the partners after `cursor`: their payable entries at the batch's time, per partner and unit. */
export async function planChunk(tx: Executor, workspaceId: string, config: WorkspaceConfig, scope: BatchScope, cursor: string | null, size: number): Promise<ChunkPlan> {
  const partnerIds = await nextPartnersToPay(tx, workspaceId, scope, cursor, size);
  const entries = await takeableEntriesOf(tx, workspaceId, scope, partnerIds);
  const plan = planPayoutBatch({
    entries, at: scope.at, units: config.units, minimumPayout: config.minimumPayout, partnerIds: scope.partnerIds, unitKeys: scope.units,
  });
  const entryCounts = new Map<string, number>();
  for (const e of entries) entryCounts.set(groupKey(e.partnerId, e.unit), (entryCounts.get(groupKey(e.partnerId, e.unit)) ?? 0) + 1);
  return { partnerIds, plan, entryCounts };
}

/**
 * Fingerprint of a whole plan, fed chunk by chunk: who is paid how much from which entries, and who
 * is carried forward. Not the batch's time: a plan confirmed a minute after its preview matches as
 * long as it would pay the same. A confirm carries its preview's; a different one refuses it.
 */
export class PlanFingerprint {
  private readonly hash = createHash('sha256');

  add(plan: PayoutBatchPlan) {
    const byKey = (a: { partnerId: string; unit: string }, b: { partnerId: string; unit: string }) =>
      a.partnerId === b.partnerId ? (a.unit < b.unit ? -1 : 1) : a.partnerId < b.partnerId ? -1 : 1;
    for (const p of [...plan.payouts].sort(byKey)) this.hash.update(JSON.stringify(['pay', p.partnerId, p.unit, p.amount, [...p.entryIds].sort()]));
    for (const c of [...plan.carriedForward].sort(byKey)) this.hash.update(JSON.stringify(['carry', c.partnerId, c.unit, c.amount, c.reason]));
  }

  digest(): string {
    return this.hash.digest('hex').slice(0, 24);
  }
}

/**
 * Walks the whole plan of a batch at `scope.at`, chunk by chunk, in one transaction (the caller's):
 * `visit` sees each chunk; returns the plan's fingerprint and how many partners it considered.
 */
export async function walkBatchPlan(
  tx: Executor, workspaceId: string, scope: BatchScope, visit: (chunk: ChunkPlan) => Promise<void> | void, chunkSize = PARTNERS_PER_CHUNK,
): Promise<{ fingerprint: string; partners: number }> {
  const config = await loadWorkspaceConfig(tx, workspaceId);
  const fingerprint = new PlanFingerprint();
  let cursor: string | null = null;
  let partners = 0;
  for (;;) {
    const chunk = await planChunk(tx, workspaceId, config, scope, cursor, chunkSize);
    if (chunk.partnerIds.length === 0) break;
    fingerprint.add(chunk.plan);
    partners += chunk.partnerIds.length;
    await visit(chunk);
    cursor = chunk.partnerIds[chunk.partnerIds.length - 1];
    if (chunk.partnerIds.length < chunkSize) break;
  }
  return { fingerprint: fingerprint.digest(), partners };
}
