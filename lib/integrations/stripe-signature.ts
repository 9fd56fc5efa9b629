import 'server-only';
import Stripe from 'stripe';
import { AppError } from '../errors';

// Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">[,v1=…][,v0=…]
//
// The official SDK checks the HMAC, and that the timestamp is not older than the tolerance, but not
// that it is not in the future (a header stamped for next week would be replayable all week), and it
// reads the header leniently (`t=1767261600abc` counts as `t=1767261600`). So the header is first
// read strictly here, the timestamp held to the same 5 minutes both ways as our own events API, and
// only then is the HMAC checked by the SDK.

export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const ELEMENT = /^([a-z][a-z0-9]*)=([^,=\s]+)$/;
const TIMESTAMP = /^\d{1,12}$/;
const HMAC_SHA256_HEX = /^[0-9a-f]{64}$/;

/** The header's timestamp, or a 401 saying what is wrong with it. */
export function stripeSignatureTimestamp(header: string | null, now: Date): number {
  if (!header) throw new AppError('unauthorized', 'Missing Stripe-Signature header.');
  const elements = header.split(',').map((e) => ELEMENT.exec(e));
  if (elements.some((e) => e === null)) throw bad('each element must be key=value, separated by commas without spaces');
  const timestamps = elements.filter((e) => e![1] === 't').map((e) => e![2]);
  const signatures = elements.filter((e) => e![1] === 'v1').map((e) => e![2]);
  if (timestamps.length !== 1 || !TIMESTAMP.test(timestamps[0]!)) throw bad('it must carry one t=<unix seconds>');
  if (signatures.length === 0) throw bad('it must carry a v1 signature');
  if (!signatures.every((s) => HMAC_SHA256_HEX.test(s))) throw bad('a v1 signature must be 64 lowercase hex digits');
  const t = Number(timestamps[0]);
  if (Math.abs(now.getTime() / 1000 - t) > STRIPE_SIGNATURE_TOLERANCE_SECONDS) throw bad('its timestamp is more than 5 minutes away from now');
  return t;
}

/**
 * Verifies a Stripe webhook and returns its parsed JSON (shape unchecked: see stripe-envelope.ts).
 * `Stripe.webhooks` is the SDK's static helper, the same object a client instance exposes; using it
 * needs no API key and can make no network call.
 */
export async function verifyStripeWebhook(rawBody: string, header: string | null, secret: string, now: Date = new Date()): Promise<unknown> {
  stripeSignatureTimestamp(header, now);
  try {
    return await Stripe.webhooks.constructEventAsync(rawBody, header!, secret, STRIPE_SIGNATURE_TOLERANCE_SECONDS, undefined, now.getTime());
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) throw new AppError('unauthorized', `Bad Stripe signature: ${err.message}`);
    // signed, but not JSON, or a thin v2 notification rather than a snapshot event
    throw new AppError('invalid_input', `Unreadable Stripe event: ${err instanceof Error ? err.message : String(err)}`, { _: 'is not a Stripe snapshot event' });
  }
}

const bad = (why: string) => new AppError('unauthorized', `Bad Stripe-Signature header: ${why}.`);
