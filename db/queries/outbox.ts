import 'server-only';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { webhookDeliveries } from '../schema';
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

export interface LeasedDelivery {
  id: string;
  workspaceId: string;
  payload: WebhookPayload;
  attempts: number;
}

/**
 * Takes up to `limit` due deliveries of every workspace and pushes them to `leaseUntil`, in one
 * statement: the rows are picked FOR UPDATE SKIP LOCKED, so parallel runs never take one twice,
 * and no transaction stays open while the job makes its HTTP calls. A run that dies leaves its rows
 * to come due again when the lease ends. Oldest due first.
 */
export async function leaseDueDeliveries(db: Database, opts: { now: Date; limit: number; leaseUntil: Date }): Promise<LeasedDelivery[]> {
  const due = db
    .select({ id: webhookDeliveries.id, dueAt: webhookDeliveries.nextAttemptAt })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'queued'), lte(webhookDeliveries.nextAttemptAt, opts.now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(opts.limit)
    .for('update', { skipLocked: true })
    .as('due');
  const rows = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: opts.leaseUntil })
    .from(due)
    .where(eq(webhookDeliveries.id, due.id))
    .returning({ id: webhookDeliveries.id, workspaceId: webhookDeliveries.workspaceId, payload: webhookDeliveries.payload, attempts: webhookDeliveries.attempts, dueAt: due.dueAt });
  return rows
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map(({ id, workspaceId, payload, attempts }) => ({ id, workspaceId, payload, attempts }));
}

export type DeliveryAttempt =
  | { status: 'delivered'; attempts: number }
  | { status: 'failed'; attempts: number; error: string }
  | { status: 'queued'; attempts: number; error: string; nextAttemptAt: Date };

/** Records the outcome of one attempt of a leased delivery. */
export async function recordDeliveryAttempt(db: Executor, workspaceId: string, deliveryId: string, attempt: DeliveryAttempt) {
  const set =
    attempt.status === 'delivered'
      ? { status: attempt.status, attempts: attempt.attempts, lastError: null }
      : attempt.status === 'failed'
        ? { status: attempt.status, attempts: attempt.attempts, lastError: attempt.error }
        : { attempts: attempt.attempts, lastError: attempt.error, nextAttemptAt: attempt.nextAttemptAt };
  await db.update(webhookDeliveries).set(set).where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, deliveryId)));
}
