import { signedRoute } from '@/lib/http/signed-route';
import { notConnected } from '@/lib/integrations/not-connected';
import { translateShopifyWebhook, verifyShopifyWebhook } from '@/lib/integrations/shopify';
import { parseShopifyJson } from '@/lib/integrations/shopify-json';
import { webhookReply } from '@/lib/integrations/webhook-reply';
import { ingestLiveEvent } from '@/lib/server/rewards/ingest-live-event';
import { eventSchema } from '@/lib/validation/events';

export const runtime = 'nodejs';

/**
 * §7 Shopify webhooks: orders/paid becomes an order and refunds/create a refund; other topics are
 * acknowledged and ignored. Verified with X-Shopify-Hmac-Sha256 before the body is even parsed;
 * parsed with every number exact (ids beyond 2^53) and cleaned of what Postgres cannot store.
 */
export const POST = signedRoute({
  name: 'POST /api/v1/integrations/shopify',
  workspaceFrom: 'path',
  secret: 'shopify',
  noSecret: notConnected('shopify'),
  verify: (rawBody, secret, headers) => verifyShopifyWebhook(rawBody, headers.get('x-shopify-hmac-sha256'), secret),
  parse: parseShopifyJson,
  handle: async ({ request, db, workspaceId, body }) => {
    const instruction = translateShopifyWebhook(request.headers.get('x-shopify-topic'), body);
    if (instruction.kind === 'ignored') return webhookReply({ ignored: true, reason: instruction.reason });
    const event = eventSchema.parse(instruction.event);
    return webhookReply(await ingestLiveEvent(db, workspaceId, event, { source: 'shopify' }));
  },
});
