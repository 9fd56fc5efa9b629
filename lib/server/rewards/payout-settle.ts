import 'server-only';
import type { Database, Executor } from '../../../db/client';
import { recordAudit } from '../../../db/queries/audit';
import { lockBatchPayoutsToSettle, lockPayoutToSettle, setPayoutsPaid, type PayoutToSettle } from '../../../db/queries/payout-settle';
import { readBatchBuild } from '../../../db/queries/payout-build';
import { releasePayoutItems, setProcessingPayoutFailed, setProcessingPayoutPaid } from '../../../db/queries/payout-writes';
import { AppError } from '../../errors';
import { enqueueWebhooks } from '../webhooks/outbox';
import { payoutFailedData } from '../webhooks/payloads';
import { enqueuePayoutFailed, enqueuePayoutsSent } from '../notifications/enqueue';

// How transfers went. Each settlement locks its payouts, changes them, writes one audit row per
// payout (before and after) and queues the webhooks and the partners' emails, all in one transaction.

const statusWords = { paid: 'paid', failed: 'marked failed', processing: 'processing' } as const;

/** "Northwind's 120.00 USD payout is paid already (reference TRF-1)". */
export function notProcessingText(p: PayoutToSettle): string {
  const why = p.status === 'paid' ? (p.reference ? ` (reference ${p.reference})` : '') : p.failureReason ? ` (${p.failureReason})` : '';
  return `${p.partnerName}’s ${p.amount} ${p.unit} payout is ${statusWords[p.status]} already${why}`;
}

async function lockProcessing(tx: Executor, workspaceId: string, payoutId: string): Promise<PayoutToSettle> {
  const payout = await lockPayoutToSettle(tx, workspaceId, payoutId);
  if (!payout) throw new AppError('not_found', 'No processing payout with this id.');
  if (payout.status !== 'processing') throw new AppError('conflict', `${notProcessingText(payout)}; nothing changed.`);
  return payout;
}

const paidPayload = (p: PayoutToSettle, reference: string, at: Date) => ({
  payout: { id: p.id, partnerId: p.partnerId, unit: p.unit, amount: p.amount, status: 'paid', reference, paidAt: at.toISOString() },
});

async function auditPaid(tx: Executor, workspaceId: string, actorUserId: string | null, p: PayoutToSettle, reference: string, at: Date, bulk: boolean) {
  await recordAudit(tx, {
    workspaceId, actorUserId, action: 'payout.marked_paid', subjectType: 'payout', subjectId: p.id, at,
    before: { status: 'processing' }, after: { status: 'paid', reference, paidAt: at.toISOString() },
    data: { batch: p.batchReference, partner: p.partnerName, amount: p.amount, unit: p.unit, ...(bulk ? { bulk: true } : {}) },
  });
}

/** Marks a processing payout paid with the transfer's reference. */
export async function markPayoutPaid(db: Database, workspaceId: string, payoutId: string, reference: string, at: Date, actorUserId: string | null = null) {
  return db.transaction(async (tx) => {
    const payout = await lockProcessing(tx, workspaceId, payoutId);
    await setProcessingPayoutPaid(tx, workspaceId, payoutId, reference, at);
    await auditPaid(tx, workspaceId, actorUserId, payout, reference, at, false);
    await enqueueWebhooks(tx, workspaceId, 'payout.paid', [paidPayload(payout, reference, at)], at);
    await enqueuePayoutsSent(tx, workspaceId, [payout], reference, at);
    return payout;
  });
}

/** A failed transfer: the payout's entries are released and become payable again. */
export async function markPayoutFailed(db: Database, workspaceId: string, payoutId: string, reason: string, at: Date, actorUserId: string | null = null) {
  return db.transaction(async (tx) => {
    const payout = await lockProcessing(tx, workspaceId, payoutId);
    await setProcessingPayoutFailed(tx, workspaceId, payoutId, reason, at);
    await releasePayoutItems(tx, workspaceId, payoutId);
    await recordAudit(tx, {
      workspaceId, actorUserId, action: 'payout.marked_failed', subjectType: 'payout', subjectId: payoutId, at,
      before: { status: 'processing' }, after: { status: 'failed', failureReason: reason },
      data: { batch: payout.batchReference, partner: payout.partnerName, amount: payout.amount, unit: payout.unit, entriesReleased: true },
    });
    await enqueuePayoutFailed(tx, workspaceId, payout, reason, at);
    await enqueueWebhooks(tx, workspaceId, 'payout.failed', [payoutFailedData({ ...payout, reason, failedAt: at })], at);
    return payout;
  });
}

export interface BulkPaidResult {
  paid: PayoutToSettle[];
  /** selected payouts that were not processing any more: left as they are, and named to the person */
  skipped: PayoutToSettle[];
}

/**
 * Marks several payouts of one batch paid with one transfer reference, in one transaction: the
 * selected ones, or (`payoutIds` undefined) every payout of the batch still processing. A selected
 * id that is not a payout of this batch refuses the whole request; one that is no longer processing
 * is skipped and reported, never silently.
 */
export async function markBatchPayoutsPaid(
  db: Database, workspaceId: string, batchId: string, payoutIds: string[] | undefined, reference: string, at: Date, actorUserId: string | null = null,
): Promise<BulkPaidResult> {
  return db.transaction(async (tx) => {
    const batch = await readBatchBuild(tx, workspaceId, batchId);
    if (!batch) throw new AppError('not_found', 'Batch not found.');
    if (batch.state === 'building') throw new AppError('conflict', `Batch “${batch.reference}” is still being built; settle its payouts when it is ready.`);
    const unique = payoutIds ? [...new Set(payoutIds)] : undefined;
    const rows = await lockBatchPayoutsToSettle(tx, workspaceId, batchId, unique);
    if (unique && rows.length !== unique.length) throw new AppError('not_found', 'Some selected payouts are not in this batch; reload the page and select again.');
    const processing = rows.filter((r) => r.status === 'processing');
    const skipped = rows.filter((r) => r.status !== 'processing');
    // the rows are locked, so every processing one changes: the count is asserted rather than assumed
    const changed = await setPayoutsPaid(tx, workspaceId, processing.map((p) => p.id), reference, at);
    if (changed.length !== processing.length) throw new AppError('conflict', 'Payouts changed while marking them paid; nothing was changed. Try again.');
    for (const p of processing) await auditPaid(tx, workspaceId, actorUserId, p, reference, at, true);
    await enqueueWebhooks(tx, workspaceId, 'payout.paid', processing.map((p) => paidPayload(p, reference, at)), at);
    await enqueuePayoutsSent(tx, workspaceId, processing, reference, at);
    return { paid: processing, skipped };
  });
}
