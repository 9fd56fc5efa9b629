import 'server-only';
import type { Executor } from '../../../db/client';
import { dealNotificationFacts, insertNotifications, latestEnrollmentStatusChangeId } from '../../../db/queries/notifications';
import type { EnrollmentStatus } from '../../domain/enrollments';
import { dedupeKeys, type QueuedNotification } from './payloads';

// Transactional outbox for partner emails: each function is called inside the transaction that
// makes the change, so a row exists exactly when the change committed (never for one that rolled
// back), and the dedupe key makes it exist once however often the change is replayed. The
// send-notifications job sends them after the commit.

async function enqueue(db: Executor, workspaceId: string, rows: QueuedNotification[], at: Date): Promise<number> {
  return insertNotifications(db, workspaceId, rows.map((r) => ({ ...r, payload: { ...r.payload } })), at);
}

/**
 * An application decided: pending → approved or rejected, or a rejected one approved after all.
 * Suspending and reinstating are not decisions on an application and send nothing. Call it after
 * the status change is written: its id is the decision's.
 */
export async function enqueueApplicationDecided(
  db: Executor,
  workspaceId: string,
  change: { enrollmentId: string; partnerId: string; programName: string; from: EnrollmentStatus; to: EnrollmentStatus; reason: string | null; at: Date },
): Promise<void> {
  if (change.to !== 'approved' && change.to !== 'rejected') return;
  if (change.from !== 'pending' && change.from !== 'rejected') return;
  const statusChangeId = await latestEnrollmentStatusChangeId(db, workspaceId, change.enrollmentId);
  if (!statusChangeId) return;
  await enqueue(db, workspaceId, [{
    kind: 'application_decided',
    partnerId: change.partnerId,
    dedupeKey: dedupeKeys.applicationDecided(change.enrollmentId, statusChangeId),
    payload: { enrollmentId: change.enrollmentId, programName: change.programName, decision: change.to, reason: change.reason, at: change.at.toISOString() },
  }], change.at);
}

/** A deal registration approved or rejected by the merchant. */
export async function enqueueDealDecided(db: Executor, workspaceId: string, dealId: string, decision: 'approved' | 'rejected', at: Date): Promise<void> {
  const deal = await dealNotificationFacts(db, workspaceId, dealId);
  if (!deal) return;
  await enqueue(db, workspaceId, [{
    kind: 'deal_decided',
    partnerId: deal.partnerId,
    dedupeKey: dedupeKeys.dealDecided(dealId),
    payload: { dealId, prospectName: deal.prospectName || deal.matchValue, programName: deal.programName, decision, at: at.toISOString() },
  }], at);
}

interface SettledPayout {
  id: string;
  partnerId: string;
  amount: string;
  unit: string;
}

/** Payouts marked paid (one, or a bulk settle) with the transfer's reference. */
export async function enqueuePayoutsSent(db: Executor, workspaceId: string, paid: SettledPayout[], reference: string, at: Date): Promise<void> {
  await enqueue(db, workspaceId, paid.map((p) => ({
    kind: 'payout_sent' as const,
    partnerId: p.partnerId,
    dedupeKey: dedupeKeys.payoutSent(p.id),
    payload: { payoutId: p.id, amount: p.amount, unit: p.unit, reference, at: at.toISOString() },
  })), at);
}

/** A payout marked failed, with the reason the partner reads. */
export async function enqueuePayoutFailed(db: Executor, workspaceId: string, failed: SettledPayout, reason: string, at: Date): Promise<void> {
  await enqueue(db, workspaceId, [{
    kind: 'payout_failed',
    partnerId: failed.partnerId,
    dedupeKey: dedupeKeys.payoutFailed(failed.id),
    payload: { payoutId: failed.id, amount: failed.amount, unit: failed.unit, reason, at: at.toISOString() },
  }], at);
}
