import 'server-only';
import type { Database } from '../../../db/client';
import {
  lockDueNotifications,
  markNotificationFailed,
  markNotificationsSending,
  markNotificationsSkipped,
  recordSendOutcome,
  type DueNotification,
} from '../../../db/queries/notifications';
import { listUnits } from '../../../db/queries/units';
import { env } from '../../env';
import { sendMail, type Mail } from '../mailer';
import { notificationMessage, type NotificationMessage } from './messages';
import { enqueuePayableSummaries } from './payable';

// Sends the queued partner emails. The protocol, at most once:
//   1. claim: in one transaction, lock due queued rows FOR UPDATE SKIP LOCKED (a run at the same
//      time takes other rows or none), mark those the partner opted out of (or has no address for)
//      'skipped', and mark the rest 'sent' with attempts + 1 and no sent_at yet; commit.
//   2. send each claimed row; the mail server's acceptance sets sent_at.
//   3. a refused or failed send puts the row back to 'queued' with a backoff (or 'failed' after
//      MAX_ATTEMPTS), keeping the error.
// No run ever sends a row another run claimed, and no row goes back to the queue unless its send
// failed, so no email is sent twice by this job. The price: a process that dies between claim
// and send leaves its rows 'sent' without sent_at and never retries them (visible, not silent).
// We prefer that to duplicates: a second "your payout was sent" email reads like a second payout.

const MAX_ATTEMPTS = 8;
const BATCH = 50;

/** 1 min, 2, 4 … capped at an hour: eight attempts cover about two hours of a mail server's outage. */
export function notificationBackoffSeconds(attempts: number): number {
  return Math.min(60 * 2 ** (attempts - 1), 3600);
}

export type Sender = (mail: Mail) => Promise<void>;

export interface SendRun {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

interface Claimed {
  row: DueNotification;
  message: NotificationMessage;
}

/** Why a row is not sent at all; null when it should go out. */
function skipReason(row: DueNotification): string | null {
  if (row.notificationPrefs?.[row.kind] === false) return 'the partner turned this email off';
  if (!row.email.trim()) return 'the partner has no email address';
  return null;
}

/** Step 1: claim and mark in one transaction; returns the rows to send with their messages. */
async function claim(db: Database, now: Date, limit: number, origin: string, run: SendRun): Promise<Claimed[]> {
  const units = new Map<string, Awaited<ReturnType<typeof listUnits>>>();
  return db.transaction(async (tx) => {
    const due = await lockDueNotifications(tx, { now, limit });
    const skipped: { id: string; reason: string }[] = [];
    const toSend: Claimed[] = [];
    for (const row of due) {
      const reason = skipReason(row);
      if (reason) {
        skipped.push({ id: row.id, reason });
        continue;
      }
      if (!units.has(row.workspaceId)) units.set(row.workspaceId, await listUnits(tx, row.workspaceId));
      const message = notificationMessage(row.kind, row.payload, {
        partnerName: row.partnerName, workspaceName: row.workspaceName, workspaceSlug: row.workspaceSlug, timeZone: row.timeZone, origin,
        units: units.get(row.workspaceId)!,
      });
      if (!message) {
        await markNotificationFailed(tx, row.id, `unknown notification kind ${row.kind}`);
        run.failed++;
        continue;
      }
      toSend.push({ row, message });
    }
    await markNotificationsSkipped(tx, skipped);
    await markNotificationsSending(tx, toSend.map((c) => c.row.id), now);
    run.skipped += skipped.length;
    return toSend;
  });
}

/**
 * One pass of the sender: claims up to `limit` due rows, then sends them one by one. `send` is the
 * mailer (SMTP from the environment, else a line in the server log); tests pass their own.
 */
export async function sendDueNotifications(
  db: Database,
  opts: { now?: Date; limit?: number; origin?: string; send?: Sender } = {},
): Promise<SendRun> {
  const now = opts.now ?? new Date();
  const send = opts.send ?? sendMail;
  const origin = (opts.origin ?? defaultOrigin()).replace(/\/+$/, '');
  const run: SendRun = { sent: 0, skipped: 0, retried: 0, failed: 0 };
  const claimed = await claim(db, now, opts.limit ?? BATCH, origin, run);
  for (const { row, message } of claimed) {
    const attempts = row.attempts + 1;
    try {
      await send({
        to: row.email,
        subject: message.subject,
        text: message.text,
        logLine: `${row.kind} email to ${row.email} (${row.workspaceSlug}): ${message.subject}`,
      });
      await recordSendOutcome(db, row.workspaceId, row.id, { status: 'sent', at: new Date() });
      run.sent++;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (attempts >= MAX_ATTEMPTS) {
        await recordSendOutcome(db, row.workspaceId, row.id, { status: 'failed', error });
        run.failed++;
      } else {
        await recordSendOutcome(db, row.workspaceId, row.id, { status: 'queued', error, nextAttemptAt: new Date(now.getTime() + notificationBackoffSeconds(attempts) * 1000) });
        run.retried++;
      }
    }
  }
  return run;
}

/** Links in emails: APP_URL when set, else the local server (development). */
export function defaultOrigin(): string {
  const { APP_URL, PORT } = env();
  return APP_URL ?? `http://localhost:${PORT}`;
}

export interface NotificationsJobRun extends SendRun {
  /** reward summaries queued by this run */
  payableQueued: number;
}

/**
 * The send-notifications job: queue the day's "rewards became payable" summaries (skipped with
 * `payable: false`, which the dev ticker uses between its once-a-minute scans), then send what is due.
 */
export async function runNotificationsJob(
  db: Database,
  opts: { now?: Date; origin?: string; send?: Sender; payable?: boolean } = {},
): Promise<NotificationsJobRun> {
  const now = opts.now ?? new Date();
  const payableQueued = opts.payable === false ? 0 : (await enqueuePayableSummaries(db, now)).queued;
  return { payableQueued, ...(await sendDueNotifications(db, { now, origin: opts.origin, send: opts.send })) };
}
