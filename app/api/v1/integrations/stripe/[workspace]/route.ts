import { errorResponse } from '@/lib/http/respond';
import { verifyStripeWebhook, translateStripeEvent } from '@/lib/integrations/stripe';
import { ingestStripeInstruction } from '@/lib/integrations/stripe-ingest';
import { openWebhook, webhookReply } from '@/lib/integrations/webhook-request';

export const runtime = 'nodejs';

/**
 * §7 Stripe webhooks: checkout.session.completed (and async_payment_succeeded) and invoice.paid
 * become orders, charge.refunded a refund; every other type is acknowledged and ignored. Verified
 * with the official SDK against the workspace's endpoint signing secret (whsec_…).
 */
export async function POST(request: Request, { params }: { params: Promise<{ workspace: string }> }): Promise<Response> {
  try {
    const { db, workspaceId, rawBody, secret } = await openWebhook(request, (await params).workspace, 'stripe');
    const event = await verifyStripeWebhook(rawBody, request.headers.get('stripe-signature'), secret);
    return webhookReply(await ingestStripeInstruction(db, workspaceId, translateStripeEvent(event)));
  } catch (err) {
    return errorResponse(err, 'POST /api/v1/integrations/stripe');
  }
}
