import { signedRoute } from '@/lib/http/signed-route';
import { notConnected } from '@/lib/integrations/not-connected';
import { verifyStripeWebhook, translateStripeEvent } from '@/lib/integrations/stripe';
import { ingestStripeInstruction } from '@/lib/integrations/stripe-ingest';
import { webhookReply } from '@/lib/integrations/webhook-reply';

export const runtime = 'nodejs';

/**
 * §7 Stripe webhooks: checkout.session.completed (and async_payment_succeeded) and invoice.paid
 * become orders, charge.refunded a refund; every other type is acknowledged and ignored. Verified
 * with the official SDK against the workspace's endpoint signing secret (whsec_…).
 */
export const POST = signedRoute({
  name: 'POST /api/v1/integrations/stripe',
  workspaceFrom: 'path',
  secret: 'stripe',
  noSecret: notConnected('stripe'),
  verify: (rawBody, secret, headers) => verifyStripeWebhook(rawBody, headers.get('stripe-signature'), secret),
  handle: async ({ db, workspaceId, verified: event }) => webhookReply(await ingestStripeInstruction(db, workspaceId, translateStripeEvent(event))),
});
