import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/client';
import { insertAttemptedDelivery } from '../../../db/queries/outbox';
import type { WebhookPayload } from '../../domain/integrations';
import { AppError } from '../../errors';
import { loadSecret } from '../secrets';
import { postWebhook, type PostOutcome } from './post';

export interface TestSend extends PostOutcome {
  deliveryId: string;
  /** how long the endpoint took to answer */
  ms: number;
}

/**
 * Settings' "Send test": one signed `webhook.test` POST to the endpoint now, while the person
 * waits, then written to the delivery log as delivered or failed (never retried). It works on a
 * disabled endpoint too, so a merchant can check a fix before re-enabling, and it does not move
 * the failure count: pressing the button while repairing a server must not disable it or email
 * the owners. The body is signed with the real secret, so the receiver's verification is tested.
 */
export async function sendTestWebhook(
  db: Database,
  workspace: { workspaceId: string; workspaceSlug: string },
  opts: { now?: Date; fetchImpl?: typeof fetch } = {},
): Promise<TestSend> {
  const now = opts.now ?? new Date();
  const endpoint = await loadSecret(db, workspace.workspaceId, 'outbound');
  if (!endpoint?.url) throw new AppError('invalid_input', 'Save an endpoint URL first, then send a test.', { url: 'is required' });
  const deliveryId = randomUUID();
  const payload: WebhookPayload = {
    type: 'webhook.test',
    createdAt: now.toISOString(),
    data: { workspace: { id: workspace.workspaceId, slug: workspace.workspaceSlug }, message: 'A test webhook from PartnerLedger.' },
  };
  const started = performance.now();
  const outcome = await postWebhook(endpoint, deliveryId, payload, now, opts.fetchImpl ?? fetch);
  const ms = Math.round(performance.now() - started);
  await insertAttemptedDelivery(db, workspace.workspaceId, {
    id: deliveryId, topic: 'webhook.test', payload, status: outcome.ok ? 'delivered' : 'failed', statusCode: outcome.statusCode, error: outcome.error,
  }, now);
  return { ...outcome, deliveryId, ms };
}
