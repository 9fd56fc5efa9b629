import { z } from 'zod';

// The parts of Stripe objects the adapter reads, as zod schemas.
//
// Payloads are read through these instead of the SDK's types because their shape follows the API
// version of the merchant's webhook endpoint, not of our SDK: an endpoint created before 2025-03-31
// still sends `charge.invoice`, `invoice.payment_intent` and `line.price`, a newer one sends
// `invoice.parent`, `line.pricing` and `invoice_payment.paid`. We read both.

/**
 * Minor units are integers of at most 12 digits: Stripe itself takes at most 8 digits for a charge
 * (12 in a few currencies), so anything larger is not a real amount, and every sum of them stays an
 * exact JavaScript integer and well inside the event schema's bounds (10^18 per order).
 */
export const MAX_STRIPE_MINOR = 999_999_999_999;
const minor = z
  .number({ error: 'must be an integer amount in minor units' })
  .int('must be an integer amount in minor units')
  .min(-MAX_STRIPE_MINOR, 'must have at most 12 digits')
  .max(MAX_STRIPE_MINOR, 'must have at most 12 digits');
const nonNegativeMinor = minor.min(0, 'must not be negative');

/**
 * A Stripe id (Stripe's are well under 255 characters). Bounded because ids are keys of our unique
 * and GIN indexes, which refuse entries of a few kilobytes with an error, not a "no match".
 */
const stripeId = z.string().min(1, 'is required').max(255, 'must be a Stripe id of at most 255 characters');

/** An expandable field: an id, or the object when the sender expanded it. */
const ref = z
  .union([stripeId, z.looseObject({ id: stripeId })])
  .nullish()
  .transform((v) => (v == null ? undefined : typeof v === 'string' ? v : v.id));
const metadata = z.record(z.string(), z.string()).nullish().transform((m) => m ?? {});

/** A promotion code as a discount names it: its id (promo_…), or the expanded object with the code. */
const promotionCodeRef = z.union([stripeId, z.looseObject({ id: stripeId, code: z.string() })]).nullish();
const couponRef = z.union([z.string(), z.looseObject({ id: z.string() })]).nullish();
// A discount as Checkout (`{coupon, promotion_code}`) or Invoice (`di_…` or a Discount object with
// `coupon`, or `source.coupon` since 2025-03-31) lists it.
export const discount = z.union([
  z.string(),
  z.looseObject({ promotion_code: promotionCodeRef, coupon: couponRef, source: z.looseObject({ coupon: couponRef }).nullish() }),
]);
export type StripeDiscount = z.infer<typeof discount>;

const checkoutLine = z.looseObject({
  description: z.string().nullish(),
  amount_subtotal: minor,
  amount_discount: minor.nullish(),
  price: z.looseObject({ id: stripeId, product: ref, recurring: z.unknown().nullish() }).nullish(),
});

export const checkoutSession = z.looseObject({
  id: stripeId,
  object: z.literal('checkout.session'),
  mode: z.enum(['payment', 'setup', 'subscription']),
  // as Stripe documents it; a status we do not know is refused rather than taken for "paid"
  payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
  currency: z.string().nullish(),
  amount_subtotal: minor.nullish(),
  amount_total: minor.nullish(),
  total_details: z.looseObject({ amount_discount: minor }).nullish(),
  customer: ref,
  customer_email: z.string().nullish(),
  customer_details: z.looseObject({ email: z.string().nullish() }).nullish(),
  client_reference_id: z.string().nullish(),
  metadata,
  payment_intent: ref,
  invoice: ref,
  subscription: ref,
  discounts: z.array(discount).nullish(),
  line_items: z.looseObject({ data: z.array(checkoutLine), has_more: z.boolean().optional() }).nullish(),
});
export type StripeCheckoutSession = z.infer<typeof checkoutSession>;

const invoiceLine = z.looseObject({
  description: z.string().nullish(),
  amount: minor,
  discount_amounts: z.array(z.looseObject({ amount: minor })).nullish(),
  // 2025-03-31 and later
  pricing: z.looseObject({ price_details: z.looseObject({ price: ref, product: ref }).nullish() }).nullish(),
  parent: z.looseObject({ type: z.string() }).nullish(),
  // earlier versions
  price: z.looseObject({ id: stripeId, product: ref, recurring: z.unknown().nullish() }).nullish(),
  type: z.string().nullish(),
});

/** One payment of an invoice, as the invoice's `payments` list and `invoice_payment.paid` give it. */
const invoicePaymentTarget = z.looseObject({ payment_intent: ref, charge: ref }).nullish();

export const invoice = z.looseObject({
  id: stripeId,
  object: z.literal('invoice'),
  currency: z.string(),
  customer: ref,
  customer_email: z.string().nullish(),
  billing_reason: z.string().nullish(),
  metadata,
  total: minor,
  total_excluding_tax: minor.nullish(),
  discounts: z.array(discount).nullish(),
  lines: z.looseObject({ data: z.array(invoiceLine), has_more: z.boolean().optional() }),
  // 2025-03-31 and later: subscription details moved under `parent`; payments are listed when included
  parent: z.looseObject({ subscription_details: z.looseObject({ subscription: ref, metadata }).nullish() }).nullish(),
  payments: z.looseObject({ data: z.array(z.looseObject({ payment: invoicePaymentTarget })) }).nullish(),
  // earlier versions
  subscription: ref,
  subscription_details: z.looseObject({ metadata }).nullish(),
  payment_intent: ref,
  charge: ref,
});
export type StripeInvoice = z.infer<typeof invoice>;

/** `invoice_payment.paid` (API 2025-03-31 and later): which payment paid which invoice. */
export const invoicePayment = z.looseObject({
  id: stripeId,
  object: z.literal('invoice_payment'),
  invoice: ref.refine((v) => v !== undefined, 'is required'),
  payment: invoicePaymentTarget,
});

export const charge = z.looseObject({
  id: stripeId,
  object: z.literal('charge'),
  amount: nonNegativeMinor,
  amount_captured: nonNegativeMinor.nullish(),
  amount_refunded: nonNegativeMinor,
  currency: z.string(),
  payment_intent: ref,
  // earlier versions only
  invoice: ref,
});

/** `promotion_code.created` / `.updated`: the code a shopper types, and the id webhooks name it by. */
export const promotionCode = z.looseObject({
  id: stripeId,
  object: z.literal('promotion_code'),
  code: z.string(),
  active: z.boolean().optional(),
});
