import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../client';
import { dealRegistrations, enrollmentStatusChanges, ledgerEntries, notifications, partners, payoutItems, payouts, programs, workspaces } from '../schema';
import type { Json } from '../../lib/engine';

// The partner notification outbox (lib/server/notifications). Writers queue rows in the
// transaction of the change; the send-notifications job claims due rows of every workspace, marks
// them and records how each send went. The job's reads cross tenants on purpose, like the webhook
// delivery job's: it serves all workspaces, and every row it touches carries its workspace.

export interface NewNotification {
  partnerId: string;
  kind: string;
  dedupeKey: string;
  payload: { [key: string]: Json };
}

// Postgres takes at most 65,535 parameters per statement; a bulk settle can pay thousands of payouts
const CHUNK = 1000;

/** Queues rows; one whose dedupe key the workspace already has is left out. Returns the rows inserted. */
export async function insertNotifications(db: Executor, workspaceId: string, rows: NewNotification[], at: Date): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await db
      .insert(notifications)
      .values(rows.slice(i, i + CHUNK).map((r) => ({ workspaceId, partnerId: r.partnerId, kind: r.kind, dedupeKey: r.dedupeKey, payload: r.payload, nextAttemptAt: at, createdAt: at })))
      .onConflictDoNothing({ target: [notifications.workspaceId, notifications.dedupeKey] })
      .returning({ id: notifications.id });
    count += inserted.length;
  }
  return count;
}

/** The status change an enrollment decision just wrote (the last one recorded): its id names the decision. */
export async function latestEnrollmentStatusChangeId(db: Executor, workspaceId: string, enrollmentId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: enrollmentStatusChanges.id })
    .from(enrollmentStatusChanges)
    .where(and(eq(enrollmentStatusChanges.workspaceId, workspaceId), eq(enrollmentStatusChanges.enrollmentId, enrollmentId)))
    .orderBy(desc(enrollmentStatusChanges.seq))
    .limit(1);
  return row?.id;
}

/** A decided deal's prospect and program names, for its email. */
export async function dealNotificationFacts(db: Executor, workspaceId: string, dealId: string) {
  const [row] = await db
    .select({ partnerId: dealRegistrations.partnerId, prospectName: dealRegistrations.prospectName, matchValue: dealRegistrations.matchValue, programName: programs.name })
    .from(dealRegistrations)
    .innerJoin(programs, eq(programs.id, dealRegistrations.programId))
    .where(and(eq(dealRegistrations.workspaceId, workspaceId), eq(dealRegistrations.id, dealId)));
  return row;
}

/** A queued row the sender holds, with what the email needs of its partner and workspace. */
export interface DueNotification {
  id: string;
  workspaceId: string;
  partnerId: string;
  kind: string;
  payload: { [key: string]: Json };
  attempts: number;
  email: string;
  partnerName: string;
  notificationPrefs: Record<string, boolean>;
  workspaceName: string;
  workspaceSlug: string;
  timeZone: string;
}

/**
 * Locks up to `limit` due queued rows of every workspace, oldest due first, FOR UPDATE SKIP LOCKED:
 * a second run at the same time takes other rows (or none), never these. Call it in the transaction
 * that then marks them, so the marks commit with the claim.
 */
export async function lockDueNotifications(tx: Transaction, opts: { now: Date; limit: number }): Promise<DueNotification[]> {
  return tx
    .select({
      id: notifications.id,
      workspaceId: notifications.workspaceId,
      partnerId: notifications.partnerId,
      kind: notifications.kind,
      payload: notifications.payload,
      attempts: notifications.attempts,
      email: partners.email,
      partnerName: partners.name,
      notificationPrefs: partners.notificationPrefs,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      timeZone: workspaces.timeZone,
    })
    .from(notifications)
    .innerJoin(partners, eq(partners.id, notifications.partnerId))
    .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
    .where(and(eq(notifications.status, 'queued'), lte(notifications.nextAttemptAt, opts.now)))
    .orderBy(asc(notifications.nextAttemptAt), asc(notifications.createdAt))
    .limit(opts.limit)
    .for('update', { of: notifications, skipLocked: true });
}

/** Claimed rows the partner does not want (or cannot get): done, never sent. */
export async function markNotificationsSkipped(tx: Transaction, skipped: { id: string; reason: string }[]) {
  for (const s of skipped) await tx.update(notifications).set({ status: 'skipped', lastError: s.reason }).where(eq(notifications.id, s.id));
}

/**
 * Claimed rows about to be sent: 'sent' with no sent_at until the mail server took them. A second
 * run never picks them again, so an email is never sent twice; one whose send was interrupted
 * (the process died) stays 'sent' without sent_at, visible, and is not retried.
 */
export async function markNotificationsSending(tx: Transaction, ids: string[], at: Date) {
  if (ids.length === 0) return;
  await tx
    .update(notifications)
    .set({ status: 'sent', sentAt: null, lastError: null, attempts: sql`${notifications.attempts} + 1`, nextAttemptAt: at })
    .where(inArray(notifications.id, ids));
}

export type SendOutcome =
  | { status: 'sent'; at: Date }
  | { status: 'queued'; error: string; nextAttemptAt: Date }
  | { status: 'failed'; error: string };

/** How one send of a claimed row went: confirmed, back in the queue for a retry, or given up. */
export async function recordSendOutcome(db: Executor, workspaceId: string, id: string, outcome: SendOutcome) {
  const set =
    outcome.status === 'sent'
      ? { sentAt: outcome.at }
      : outcome.status === 'queued'
        ? { status: 'queued' as const, lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt }
        : { status: 'failed' as const, lastError: outcome.error };
  // only a row this run claimed: 'sent' and not yet confirmed
  await db
    .update(notifications)
    .set(set)
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.id, id), eq(notifications.status, 'sent'), isNull(notifications.sentAt)));
}

/** A claimed row whose kind this version cannot write (a newer version queued it): failed at once. */
export async function markNotificationFailed(tx: Transaction, id: string, error: string) {
  await tx.update(notifications).set({ status: 'failed', lastError: error }).where(eq(notifications.id, id));
}

export interface PayableSum {
  workspaceId: string;
  partnerId: string;
  unit: string;
  amount: string;
  /** the last summary's end for this partner, or the look-back start when it had none */
  since: Date;
}

/**
 * Per partner and unit, entries that became payable in (since, now] and are still payable (in no
 * live payout), where an entry "becomes payable" at the later of its payable time and its creation
 * (a backdated order or a bonus is payable when written). `since` is the end of the partner's last
 * reward_payable summary, but never before `lookBackFrom`: a first summary does not list history.
 * Only positive sums are returned (a refund that outweighs new rewards makes no email).
 */
export async function payableSinceLastSummary(db: Executor, opts: { now: Date; lookBackFrom: Date }): Promise<PayableSum[]> {
  const last = db
    .select({
      workspaceId: notifications.workspaceId,
      partnerId: notifications.partnerId,
      through: sql<Date>`max((${notifications.payload}->>'through')::timestamptz)`.as('through'),
    })
    .from(notifications)
    .where(and(eq(notifications.kind, 'reward_payable'), gt(notifications.createdAt, opts.lookBackFrom)))
    .groupBy(notifications.workspaceId, notifications.partnerId)
    .as('last');
  const becamePayable = sql`greatest(${ledgerEntries.payableAt}, ${ledgerEntries.createdAt})`;
  const since = sql`greatest(coalesce(${last.through}, ${opts.lookBackFrom}), ${opts.lookBackFrom})`;
  const rows = await db
    .select({
      workspaceId: ledgerEntries.workspaceId,
      partnerId: ledgerEntries.partnerId,
      unit: ledgerEntries.unit,
      amount: sql<string>`sum(${ledgerEntries.amount})::text`,
      since: sql<string>`(${since})::text`,
    })
    .from(ledgerEntries)
    .leftJoin(last, and(eq(last.workspaceId, ledgerEntries.workspaceId), eq(last.partnerId, ledgerEntries.partnerId)))
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(
      and(
        lte(ledgerEntries.payableAt, opts.now),
        lte(ledgerEntries.createdAt, opts.now),
        sql`${becamePayable} > ${since}`,
        sql`(${payouts.id} is null or ${payouts.status} = 'failed')`,
      ),
    )
    .groupBy(ledgerEntries.workspaceId, ledgerEntries.partnerId, ledgerEntries.unit, last.through)
    .having(sql`sum(${ledgerEntries.amount}) > 0`)
    .orderBy(ledgerEntries.workspaceId, ledgerEntries.partnerId, ledgerEntries.unit);
  return rows.map((r) => ({ ...r, since: new Date(r.since) }));
}
