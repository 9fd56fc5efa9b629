import 'server-only';
import { after } from 'next/server';
import type { Database } from '../../../db/client';
import { partnerNamesOf } from '../../../db/queries/payout-build';
import { findPayoutBatchId } from '../../../db/queries/payout-writes';
import { AppError } from '../../errors';
import { buildPayoutBatch, confirmPayoutBatch } from './payout-build';
import { previewPayoutBatch } from './payout-preview';

// POST /api/v1/payout-batches: the console's preview → confirm → build, for a caller that cannot
// look at a preview first. The plan is previewed and confirmed with its own fingerprint at once
// (confirmPayoutBatch still refuses, 409, if balances moved in between or another batch is
// building), then built in the request for up to BUILD_BUDGET_MS: a batch of a few thousand
// partners is answered `ready`; a bigger one is answered `building` and finished after the
// response (and by the build job should the server stop), while the client polls GET.

const BUILD_BUDGET_MS = 5_000;

export interface ApiBatchRequest {
  reference: string;
  unit?: string;
  partnerIds?: string[];
}

export async function createPayoutBatchFromApi(db: Database, workspaceId: string, req: ApiBatchRequest, now: Date): Promise<string> {
  if (await findPayoutBatchId(db, workspaceId, req.reference)) {
    throw new AppError('conflict', `A batch named “${req.reference}” exists already.`, { reference: 'is taken: choose another name' });
  }
  if (req.partnerIds?.length) {
    const known = await partnerNamesOf(db, workspaceId, req.partnerIds);
    const index = req.partnerIds.findIndex((id) => !known.has(id));
    if (index >= 0) throw new AppError('not_found', `No partner ${req.partnerIds[index]} in this workspace.`, { [`partner_ids.${index}`]: 'not found' });
  }
  const scope = { at: now, units: req.unit ? [req.unit] : undefined, partnerIds: req.partnerIds?.length ? req.partnerIds : undefined };
  const preview = await previewPayoutBatch(db, workspaceId, scope);
  if (preview.payouts === 0) throw new AppError('unprocessable', 'Nothing to pay: no payable balance reaches its minimum.');
  const confirmed = await confirmPayoutBatch(db, workspaceId, { reference: req.reference, ...scope, createdBy: null, preview: preview.fingerprint });
  // a batch of this name made between the check above and the lock
  if (!confirmed.created) throw new AppError('conflict', `A batch named “${req.reference}” exists already.`, { reference: 'is taken: choose another name' });
  const built = await buildPayoutBatch(db, workspaceId, confirmed.batchId, { budgetMs: BUILD_BUDGET_MS });
  if (!built.ready) finishAfterResponse(db, workspaceId, confirmed.batchId);
  return confirmed.batchId;
}

function finishAfterResponse(db: Database, workspaceId: string, batchId: string) {
  const finish = () =>
    buildPayoutBatch(db, workspaceId, batchId).then(
      () => undefined,
      // the build job picks the batch up where this stopped
      (err) => console.error(`[payouts] building batch ${batchId} stopped; the build job will resume it`, err),
    );
  try {
    after(finish);
  } catch {
    // outside a request (a script or a test calling the handler): finish it now
    void finish();
  }
}
