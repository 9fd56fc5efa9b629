import { errorResponse, parseJson } from '@/lib/http/respond';
import { ingestLiveEvent } from '@/lib/server/rewards/ingest-live-event';
import { translateShopifyWebhook, verifyShopifyWebhook } from '@/lib/integrations/shopify';
import { openWebhook, webhookReply } from '@/lib/integrations/webhook-request';
import { eventSchema } from '@/lib/validation/events';

export const runtime = 'nodejs';

/**
 * §7 Shopify webhooks: orders/paid becomes an order and refunds/create a refund; other topics are
 * acknowledged and ignored. Verified with X-Shopify-Hmac-Sha256 before the body is even parsed.
 */
export async function POST(request: Request, { params }: { params: Promise<{ workspace: string }> }): Promise<Response> {
  try {
    const { db, workspaceId, rawBody, secret } = await openWebhook(request, (await params).workspace, 'shopify');
    verifyShopifyWebhook(rawBody, request.headers.get('x-shopify-hmac-sha256'), secret);
    const instruction = translateShopifyWebhook(request.headers.get('x-shopify-topic'), parseJson(rawBody));
    if (instruction.kind === 'ignored') return webhookReply({ ignored: true, reason: instruction.reason });
    const event = eventSchema.parse(instruction.event);
    return webhookReply(await ingestLiveEvent(db, workspaceId, event, { source: 'shopify' }));
  } catch (err) {
    return errorResponse(err, 'POST /api/v1/integrations/shopify');
  }
}
