import 'server-only';
import type { Executor } from '../../../db/client';
import { insertWebhookDeliveries } from '../../../db/queries/outbox';
import { outboundEndpointUrl } from '../../../db/queries/secrets';
import type { WebhookTopic } from '../../domain/integrations';

export type { WebhookTopic };

/**
 * Transactional outbox: called inside the transaction that makes the change, so a webhook is
 * queued exactly when the change commits, never for a change that rolled back. Workspaces without
 * an endpoint queue nothing.
 */
export async function enqueueWebhooks(db: Executor, workspaceId: string, topic: WebhookTopic, payloads: Record<string, unknown>[], now: Date) {
  if (payloads.length === 0) return;
  if (!(await outboundEndpointUrl(db, workspaceId))) return;
  await insertWebhookDeliveries(db, workspaceId, payloads.map((data) => ({ topic, payload: { type: topic, createdAt: now.toISOString(), data } })), now);
}
