import { signedRoute } from '@/lib/http/signed-route';
import { notConnected } from '@/lib/integrations/not-connected';
import { verifyStripeWebhook, translateStripeEvent } from '@/lib/integrations/stripe';
import { ingestStripeInstruction } from '@/lib/integrations/stripe-ingest';
import { stripeWebhookReply } from '@/lib/integrations/stripe-reply';

export const runtime = 'nodejs';

/**
 * §7 Stripe webhooks, verified with the official SDK against the workspace's endpoint signing
 * secret (whsec_…) after a strict read of the header (timestamp within 5 minutes either way):
 * checkout.session.completed (and async_payment_succeeded) and invoice.paid become orders,
 * charge.refunded a refund; invoice_payment.paid and promotion_code.created/updated teach us which
 * order a payment belongs to and which coupon a promotion code is. An event that depends on one not
 * delivered yet is held and answered 200 (lib/server/stripe/holds.ts); every other type is
 * acknowledged and ignored. The envelope and objects are validated: a 400 names the field.
 */
export const POST = signedRoute({
  name: 'POST /api/v1/integrations/stripe',
  workspaceFrom: 'path',
  secret: 'stripe',
  noSecret: notConnected('stripe'),
  verify: (rawBody, secret, headers) => verifyStripeWebhook(rawBody, headers.get('stripe-signature'), secret),
  handle: async ({ db, workspaceId, verified }) => stripeWebhookReply(await ingestStripeInstruction(db, workspaceId, translateStripeEvent(verified))),
});
