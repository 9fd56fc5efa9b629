import 'server-only';
import { canonicalJson } from '../http/respond';
import { webhookReply } from './webhook-reply';
import type { StripeOutcome } from './stripe-ingest';

/**
 * The answer to a Stripe webhook: always a 2xx once the event is accepted, so Stripe stops
 * retrying. An event held for later (see lib/server/stripe/holds.ts) or one that only taught us an
 * id is acknowledged in canonical JSON, so a retry gets the same bytes while nothing has changed;
 * decided and ignored events are answered like every provider's (webhook-reply.ts).
 */
export function stripeWebhookReply(outcome: StripeOutcome): Response {
  if ('held' in outcome || 'recorded' in outcome) {
    return new Response(canonicalJson(outcome), { status: 200, headers: { 'content-type': 'application/json' } });
  }
  return webhookReply(outcome);
}
