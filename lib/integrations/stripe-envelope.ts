import { z } from 'zod';
import { readPayload } from './payload';

// The envelope of a Stripe snapshot event, checked before anything reads it: a signed body is only
// trusted to come from Stripe (or from whoever holds the merchant's signing secret, such as the
// merchant's own tests), not to have any particular shape. Anything that does not fit is a 400
// naming the field, never an exception.

/** Stripe's first events are from 2010: an earlier `created` is a broken clock or an epoch 0, not an event. */
const STRIPE_EPOCH = Date.UTC(2010, 0, 1) / 1000;
/** The signature tolerance: an event cannot have been created after it was signed and sent. */
const CLOCK_SKEW_SECONDS = 5 * 60;

export interface StripeEnvelope {
  id: string;
  type: string;
  /** whole seconds since the epoch, as Stripe sends it */
  created: number;
  data: { object: Record<string, unknown> };
}

const envelopeSchema = (now: Date) =>
  z.looseObject({
    id: z.string({ error: 'must be the event id (evt_…)' }).min(1, 'is required').max(255),
    type: z.string({ error: 'must be the event type' }).min(1, 'is required').max(255),
    created: z
      .number({ error: 'must be a Unix time in seconds' })
      .int('must be a Unix time in whole seconds')
      .min(STRIPE_EPOCH, 'must be a Unix time in seconds, 2010 or later')
      .max(Math.floor(now.getTime() / 1000) + CLOCK_SKEW_SECONDS, 'must not be in the future'),
    data: z.looseObject({ object: z.record(z.string(), z.unknown(), { error: 'must be the Stripe object the event is about' }) }, { error: 'must be an object with the event\'s `object`' }),
  }, { error: 'must be a Stripe event object' });

export function parseStripeEnvelope(payload: unknown, now: Date = new Date()): StripeEnvelope {
  return readPayload(envelopeSchema(now), payload, { sender: 'Stripe event' });
}

/**
 * When an event happened, from Stripe's whole-second `created`: the END of that second. A shopper
 * who clicks at 12:00:00.700 and pays within the same second gets `created` = 12:00:00; reading it
 * as 12:00:00.000 would put the purchase before its own click and lose the referral. The end of the
 * second is never before anything that happened within it, and never reaches the next second.
 */
export function stripeOccurredAt(created: number): string {
  return new Date(created * 1000 + 999).toISOString();
}
