import 'server-only';
import type { Database } from '../../../db/client';
import { recordAudit } from '../../../db/queries/audit';
import { insertResentDelivery } from '../../../db/queries/outbox';
import { outboundEndpointUrl } from '../../../db/queries/secrets';
import { findDelivery } from '../../../db/queries/webhooks';
import { AppError } from '../../errors';

/**
 * Sends one delivery of the log again: a new queued delivery with the same topic and body (its
 * `createdAt` still the original's, so a receiver can tell), a new id, and `resent_from_id`
 * pointing at the original. Only a finished delivery can be re-sent: a queued one is going to be
 * sent anyway, and a second copy would only arrive twice.
 */
export async function resendWebhookDelivery(
  db: Database, workspaceId: string, actorUserId: string | null, deliveryId: string, now = new Date(),
): Promise<{ id: string; topic: string }> {
  return db.transaction(async (tx) => {
    const original = await findDelivery(tx, workspaceId, deliveryId);
    if (!original) throw new AppError('not_found', 'Delivery not found.');
    if (original.status === 'queued') throw new AppError('conflict', 'This delivery is still queued: it is sent with the next attempt, so there is nothing to re-send.');
    if (!(await outboundEndpointUrl(tx, workspaceId))) throw new AppError('conflict', 'There is no webhook endpoint to send to; save one first.');
    const { id } = await insertResentDelivery(tx, workspaceId, { topic: original.topic, payload: original.payload, resentFromId: original.id }, now);
    await recordAudit(tx, {
      workspaceId, actorUserId, action: 'webhook.delivery_resent', subjectType: 'webhook', subjectId: id, at: now,
      data: { resentFromId: original.id, topic: original.topic },
    });
    return { id, topic: original.topic };
  });
}
