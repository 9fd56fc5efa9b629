import 'server-only';
import { and, asc, eq, isNotNull, lte, notExists, sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { webhookDeliveries, webhookSecrets } from '../schema';
import type { WebhookPayload, WebhookTopic } from '../../lib/domain/integrations';

// The outbound webhook queue. Writers queue rows inside the transaction of the change they report;
// the delivery job leases due rows across all workspaces and records each attempt.

export interface QueuedWebhook {
  topic: WebhookTopic;
  payload: WebhookPayload;
}

export async function insertWebhookDeliveries(db: Executor, workspaceId: string, webhooks: QueuedWebhook[], now: Date) {
  if (webhooks.length === 0) return;
  await db.insert(webhookDeliveries).values(webhooks.map((w) => ({ workspaceId, topic: w.topic, payload: w.payload, nextAttemptAt: now, createdAt: now })));
}

/** A manual re-send: a new queued delivery with the original's topic and body, pointing at it. */
export async function insertResentDelivery(db: Executor, workspaceId: string, webhook: QueuedWebhook & { resentFromId: string }, now: Date): Promise<{ id: string }> {
  const [row] = await db
    .insert(webhookDeliveries)
    .values({ workspaceId, topic: webhook.topic, payload: webhook.payload, resentFromId: webhook.resentFromId, nextAttemptAt: now, createdAt: now })
    .returning({ id: webhookDeliveries.id });
  return row;
}

/**
 * A delivery that was attempted before it was written (the Settings test-send): it goes into the
 * log already delivered or failed, so the job never picks it up and never retries it.
 */
export async function insertAttemptedDelivery(
  db: Executor,
  workspaceId: string,
  d: QueuedWebhook & { id: string; status: 'delivered' | 'failed'; statusCode: number | null; error: string | null },
  now: Date,
) {
  await db.insert(webhookDeliveries).values({
    id: d.id, workspaceId, topic: d.topic, payload: d.payload, status: d.status, attempts: 1,
    lastStatusCode: d.statusCode, lastError: d.error, nextAttemptAt: now, createdAt: now,
  });
}

export interface LeasedDelivery {
  id: string;
  workspaceId: string;
  payload: WebhookPayload;
  attempts: number;
  /** when it was due before the lease: a delivery handed back is due again from then */
  dueAt: Date;
}

/**
 * Takes up to `limit` due deliveries of every workspace and pushes them to `leaseUntil`, in one
 * statement: the rows are picked FOR UPDATE SKIP LOCKED, so parallel runs never take one twice,
 * and no transaction stays open while the job makes its HTTP calls. A run that dies leaves its rows
 * to come due again when the lease ends. Oldest due first. Deliveries of a disabled endpoint are
 * left queued and untouched: re-enabling makes them due again. `workspaceId` limits the run to one
 * workspace's queue (tests that must not take other tenants' deliveries).
 */
export async function leaseDueDeliveries(
  db: Database,
  opts: { now: Date; limit: number; leaseUntil: Date; workspaceId?: string },
): Promise<LeasedDelivery[]> {
  const disabledEndpoint = db
    .select({ one: sql`1` })
    .from(webhookSecrets)
    .where(and(eq(webhookSecrets.workspaceId, webhookDeliveries.workspaceId), eq(webhookSecrets.kind, 'outbound'), isNotNull(webhookSecrets.disabledAt)));
  const due = db
    .select({ id: webhookDeliveries.id, dueAt: webhookDeliveries.nextAttemptAt })
    .from(webhookDeliveries)
    .where(and(
      eq(webhookDeliveries.status, 'queued'),
      lte(webhookDeliveries.nextAttemptAt, opts.now),
      notExists(disabledEndpoint),
      opts.workspaceId ? eq(webhookDeliveries.workspaceId, opts.workspaceId) : undefined,
    ))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(opts.limit)
    .for('update', { of: webhookDeliveries, skipLocked: true })
    .as('due');
  const rows = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: opts.leaseUntil })
    .from(due)
    .where(eq(webhookDeliveries.id, due.id))
    .returning({ id: webhookDeliveries.id, workspaceId: webhookDeliveries.workspaceId, payload: webhookDeliveries.payload, attempts: webhookDeliveries.attempts, dueAt: due.dueAt });
  return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Hands a leased delivery back unattempted (its endpoint was disabled meanwhile), due as before. */
export async function releaseLeasedDelivery(db: Executor, workspaceId: string, deliveryId: string, dueAt: Date) {
  await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: dueAt })
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'queued')));
}

export type DeliveryAttempt = { attempts: number; statusCode: number | null } & (
  | { status: 'delivered' }
  | { status: 'failed'; error: string }
  | { status: 'queued'; error: string; nextAttemptAt: Date }
);

/** Records the outcome of one attempt of a leased delivery, with the receiver's HTTP status. */
export async function recordDeliveryAttempt(db: Executor, workspaceId: string, deliveryId: string, attempt: DeliveryAttempt) {
  const common = { attempts: attempt.attempts, lastStatusCode: attempt.statusCode };
  const set =
    attempt.status === 'delivered'
      ? { ...common, status: attempt.status, lastError: null }
      : attempt.status === 'failed'
        ? { ...common, status: attempt.status, lastError: attempt.error }
        : { ...common, lastError: attempt.error, nextAttemptAt: attempt.nextAttemptAt };
  await db.update(webhookDeliveries).set(set).where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, deliveryId)));
}

/** Re-enabling an endpoint: everything still queued is due now, not at the end of a long backoff. */
export async function makeQueuedDeliveriesDue(db: Executor, workspaceId: string, now: Date) {
  await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: sql`least(${webhookDeliveries.nextAttemptAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.status, 'queued')));
}
