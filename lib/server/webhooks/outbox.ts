import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client';
import { webhookDeliveries, webhookSecrets } from '../../../db/schema';

export type WebhookTopic = 'entry.created' | 'payout.created' | 'payout.paid';

/**
 * Transactional outbox: called inside the transaction that makes the change, so a webhook is
 * queued exactly when the change commits, never for a change that rolled back. Workspaces without
 * an endpoint queue nothing.
 */
export async function enqueueWebhooks(db: Executor, workspaceId: string, topic: WebhookTopic, payloads: Record<string, unknown>[], now: Date) {
  if (payloads.length === 0) return;
  const [endpoint] = await db
    .select({ url: webhookSecrets.url })
    .from(webhookSecrets)
    .where(and(eq(webhookSecrets.workspaceId, workspaceId), eq(webhookSecrets.kind, 'outbound'), isNotNull(webhookSecrets.url)));
  if (!endpoint) return;
  await db.insert(webhookDeliveries).values(
    payloads.map((data) => ({ workspaceId, topic, payload: { type: topic, createdAt: now.toISOString(), data }, nextAttemptAt: now, createdAt: now })),
  );
}
