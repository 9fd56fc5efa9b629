import type { IncomingEvent } from '../validation/events';

// What the Stripe adapter hands to its services, as plain data: the translation (stripe.ts) makes
// it from a payload, the services decide it, and an event that cannot be decided yet is stored in
// this shape (stripe_held_events.instruction) until it can. No Stripe object is kept whole.

export type StripeOrderEvent = Extract<IncomingEvent, { type: 'order' }>;

/**
 * Stripe ids of the payment behind an order. Each becomes a row of stripe_order_refs, so that a
 * later `charge.refunded`, which names only the charge, its payment intent and (before 2025-03-31)
 * its invoice, finds the order.
 */
export interface StripePaymentRefs {
  object: 'checkout.session' | 'invoice';
  objectId: string;
  refs: string[];
}

/** A coupon as a Stripe order names it: a code we can read, or a promotion code's id (promo_…). */
export type StripeCouponRef = { code: string } | { promotionCode: string };

/**
 * What an order must wait for before it is decided, because Stripe does not deliver the events of
 * one purchase in order:
 * - `checkout_session`: an invoice that a Checkout Session may stand behind (a subscription's first
 *   invoice, a payment-mode session's invoice). The session carries the referral (client reference,
 *   metadata, promotion codes), so the order waits for it; `key` is the invoice id, which is also the
 *   session's order id.
 * - `subscription`: a later invoice of a subscription whose first order is not decided yet (the
 *   renewal is credited through the binding that first order makes); `key` is the subscription id.
 * Either wait ends after a grace period without the missing piece (a subscription made through the
 * API has no session; one older than this adapter has no first order on record).
 */
export interface StripeOrderAwaits {
  for: 'checkout_session' | 'subscription';
  key: string;
}

export interface StripeOrderInstruction {
  kind: 'order';
  event: StripeOrderEvent;
  payment: StripePaymentRefs;
  /** the order's coupons in the order Stripe listed them; `event.data.coupons` is filled from these */
  coupons: StripeCouponRef[];
  subscription?: string;
  awaits?: StripeOrderAwaits;
}

/** The figures of a refunded charge that the refund is computed from. */
export interface StripeChargeFacts {
  id: string;
  amount: number;
  amountCaptured: number | null;
  amountRefunded: number;
  currency: string;
  paymentIntent?: string;
  /** API versions before 2025-03-31 only */
  invoice?: string;
}

export interface StripeRefundInstruction {
  kind: 'refund';
  charge: StripeChargeFacts;
  occurredAt: string;
}

/** An event that is held until what it waits for arrives. */
export type HeldStripeInstruction = StripeOrderInstruction | StripeRefundInstruction;
