import 'server-only';
import { replayableJson } from '../http/respond';
import { webhookReply } from './webhook-reply';
import type { StripeOutcome } from './stripe-ingest';

/**
 * The answer to a Stripe webhook: always a 2xx once the event is accepted, so Stripe stops
 * retrying. An event held for later (see lib/server/stripe/holds.ts) or one that only taught us an
 * id is acknowledged in canonical JSON, so a retry gets the same bytes while nothing has changed
 * (a retry after a held event was decided gets the decided result); decided and ignored events are
 * answered like every provider's (webhook-reply.ts).
 */
export function stripeWebhookReply(outcome: StripeOutcome): Response {
  if ('held' in outcome || 'recorded' in outcome) return replayableJson(outcome, { replayed: false });
  return webhookReply(outcome);
}
