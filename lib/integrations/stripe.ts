import 'server-only';
import Stripe from 'stripe';
import { z } from 'zod';
import { Decimal } from '../engine';
import { AppError } from '../errors';
import type { IncomingEvent } from '../validation/events';
import { fromStripeMinor, toAmountString } from './amounts';
import { readPayload } from './payload';

// What Stripe tells us, checked and turned into our canonical events. No database and no Stripe
// API call here: the payload alone must be enough.
//
// Payloads are read through small zod schemas instead of the SDK's types because their shape
// follows the API version of the merchant's webhook endpoint, not of our SDK: an endpoint created
// before 2025-03-31 still sends `charge.invoice`, `invoice.payment_intent` and `line.price`, a newer
// one sends `invoice.parent` and `line.pricing`. We read both.

/**
 * Checks the Stripe-Signature header with the official SDK (HMAC-SHA256 of "t.body", 5 minutes of
 * tolerance). `Stripe.webhooks` is the SDK's static helper, the same object a client instance
 * exposes; using it needs no API key and can make no network call.
 */
export async function verifyStripeWebhook(rawBody: string, signature: string | null, secret: string): Promise<Stripe.Event> {
  if (!signature) throw new AppError('unauthorized', 'Missing Stripe-Signature header.');
  try {
    return await Stripe.webhooks.constructEventAsync(rawBody, signature, secret);
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new AppError('unauthorized', `Bad Stripe signature: ${err.message}`);
    }
    // signed, but not a snapshot event we can read (invalid JSON, a thin v2 notification)
    throw new AppError('invalid_input', `Unreadable Stripe event: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// --- the parts of Stripe objects we read --------------------------------------------------------

/** An expandable field: an id, or the object when the sender expanded it. */
const ref = z
  .union([z.string(), z.looseObject({ id: z.string() })])
  .nullish()
  .transform((v) => (v == null ? undefined : typeof v === 'string' ? v : v.id));
const minor = z.number().int();
const metadata = z.record(z.string(), z.string()).nullish().transform((m) => m ?? {});

// A discount as Checkout (`{coupon, promotion_code}`) or Invoice (`di_…` or a Discount object with
// `coupon`, or `source.coupon` since 2025-03-31) lists it. Only readable codes become coupons.
const promotionCode = z.union([z.string(), z.looseObject({ code: z.string() })]).nullish();
const coupon = z.union([z.string(), z.looseObject({ id: z.string() })]).nullish();
const discount = z.union([
  z.string(),
  z.looseObject({ promotion_code: promotionCode, coupon: coupon, source: z.looseObject({ coupon: coupon }).nullish() }),
]);

const checkoutLine = z.looseObject({
  description: z.string().nullish(),
  amount_subtotal: minor,
  amount_discount: minor.nullish(),
  price: z.looseObject({ id: z.string(), product: ref, recurring: z.unknown().nullish() }).nullish(),
});

const checkoutSession = z.looseObject({
  id: z.string(),
  object: z.literal('checkout.session'),
  mode: z.string(),
  payment_status: z.string(),
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
  discounts: z.array(discount).nullish(),
  line_items: z.looseObject({ data: z.array(checkoutLine), has_more: z.boolean().optional() }).nullish(),
});

const invoiceLine = z.looseObject({
  description: z.string().nullish(),
  amount: minor,
  discount_amounts: z.array(z.looseObject({ amount: minor })).nullish(),
  // 2025-03-31 and later
  pricing: z.looseObject({ price_details: z.looseObject({ price: ref, product: ref }).nullish() }).nullish(),
  parent: z.looseObject({ type: z.string() }).nullish(),
  // earlier versions
  price: z.looseObject({ id: z.string(), product: ref, recurring: z.unknown().nullish() }).nullish(),
  type: z.string().nullish(),
});

const invoice = z.looseObject({
  id: z.string(),
  object: z.literal('invoice'),
  currency: z.string(),
  customer: ref,
  customer_email: z.string().nullish(),
  metadata,
  total: minor,
  total_excluding_tax: minor.nullish(),
  discounts: z.array(discount).nullish(),
  lines: z.looseObject({ data: z.array(invoiceLine), has_more: z.boolean().optional() }),
  // 2025-03-31 and later: subscription details moved under `parent`; payments are listed when included
  parent: z.looseObject({ subscription_details: z.looseObject({ subscription: ref, metadata }).nullish() }).nullish(),
  payments: z.looseObject({ data: z.array(z.looseObject({ payment: z.looseObject({ payment_intent: ref, charge: ref }).nullish() })) }).nullish(),
  // earlier versions
  subscription: ref,
  subscription_details: z.looseObject({ metadata }).nullish(),
  payment_intent: ref,
  charge: ref,
});

const charge = z.looseObject({
  id: z.string(),
  object: z.literal('charge'),
  amount: minor,
  amount_captured: minor.nullish(),
  amount_refunded: minor,
  currency: z.string(),
  payment_intent: ref,
  // earlier versions only
  invoice: ref,
});

export type StripeCharge = z.infer<typeof charge>;

type OrderEvent = Extract<IncomingEvent, { type: 'order' }>;

/** What a Stripe event asks of us. */
export type StripeInstruction =
  | { kind: 'order'; event: OrderEvent; payment: StripePaymentRefs }
  | { kind: 'refund'; charge: StripeCharge; occurredAt: string }
  | { kind: 'ignored'; reason: string };

/**
 * Stripe ids of the payment behind an order. Stored with the order's raw event so that a later
 * `charge.refunded`, which names only the charge, its payment intent and (before 2025-03-31) its
 * invoice, can find the order.
 */
export interface StripePaymentRefs {
  object: 'checkout.session' | 'invoice';
  objectId: string;
  refs: string[];
}

const HANDLED = ['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'invoice.paid', 'charge.refunded'];

/** The envelope of a snapshot event (a verified `Stripe.Event` is one). */
export interface StripeEnvelope {
  type: string;
  created: number;
  data: { object: unknown };
}

export function translateStripeEvent(event: StripeEnvelope): StripeInstruction {
  if (!HANDLED.includes(event.type)) return { kind: 'ignored', reason: `${event.type} does not concern rewards` };
  const occurredAt = new Date(event.created * 1000).toISOString();
  const object = event.data.object;
  if (event.type === 'charge.refunded') return { kind: 'refund', charge: parseObject(charge, object), occurredAt };
  if (event.type === 'invoice.paid') return invoiceOrder(parseObject(invoice, object), occurredAt);
  return checkoutOrder(parseObject(checkoutSession, object), occurredAt);
}

const parseObject = <T extends z.ZodType>(schema: T, object: unknown) => readPayload(schema, object, { sender: 'Stripe event', at: ['data', 'object'] });

// --- checkout.session.completed / async_payment_succeeded ------------------------------------------

function checkoutOrder(session: z.infer<typeof checkoutSession>, occurredAt: string): StripeInstruction {
  if (session.mode === 'setup') return { kind: 'ignored', reason: 'a setup-mode Checkout Session takes no payment' };
  // delayed methods (SEPA, ACH) complete unpaid; their async_payment_succeeded event brings the order
  if (session.payment_status === 'unpaid') return { kind: 'ignored', reason: 'the Checkout Session is not paid yet' };
  if (!session.currency) throw new AppError('invalid_input', 'Stripe event: data.object.currency is missing.', { 'data.object.currency': 'is required' });
  const currency = session.currency.toUpperCase();
  const recurring = session.mode === 'subscription';
  const email = session.customer_details?.email ?? session.customer_email ?? undefined;
  const lines = session.line_items?.data.length && !session.line_items.has_more
    ? session.line_items.data.map((l) => ({
        product: l.price?.product ?? l.description ?? 'checkout',
        plan: l.price?.id,
        amount: net(l.amount_subtotal, l.amount_discount ?? 0, currency),
        // in a subscription session one-time prices (a setup fee) may sit next to recurring ones
        recurring: recurring && l.price ? l.price.recurring != null : recurring,
      }))
    : [{ product: 'checkout', amount: sessionNet(session, currency), recurring }];
  // The order is named after the payment a refund will name. A subscription's first invoice is the
  // same payment as its Checkout Session and Stripe also sends invoice.paid for it: both become the
  // order named after the invoice, so whichever arrives second is a duplicate, not a second order.
  // A payment-mode session is named after its payment intent, which charge.refunded carries; the
  // session id remains for sessions that took no payment (a 100% discount).
  const id = session.invoice ?? session.payment_intent ?? session.id;
  return {
    kind: 'order',
    event: {
      id,
      type: 'order',
      occurredAt,
      data: {
        customer: { externalId: session.customer ?? email ?? session.id, ...(email ? { email } : {}) },
        currency,
        lines,
        ...signals(session.metadata, session.client_reference_id ?? undefined),
        coupons: coupons(session.metadata, session.discounts),
      },
    },
    payment: { object: 'checkout.session', objectId: session.id, refs: compact([session.id, session.payment_intent, session.invoice]) },
  };
}

/** Revenue of a session without expanded lines: before tax and shipping, after discounts, like the lines. */
function sessionNet(session: z.infer<typeof checkoutSession>, currency: string): string {
  if (session.amount_subtotal != null) return net(session.amount_subtotal, session.total_details?.amount_discount ?? 0, currency);
  if (session.amount_total != null) return net(session.amount_total, 0, currency);
  throw new AppError('invalid_input', 'Stripe event: data.object.amount_subtotal is missing.', { 'data.object.amount_subtotal': 'is required' });
}

// --- invoice.paid -------------------------------------------------------------------------------

function invoiceOrder(inv: z.infer<typeof invoice>, occurredAt: string): StripeInstruction {
  const currency = inv.currency.toUpperCase();
  const subscriptionDetails = inv.parent?.subscription_details;
  const forSubscription = Boolean(subscriptionDetails?.subscription ?? inv.subscription);
  const meta = { ...(inv.subscription_details?.metadata ?? {}), ...(subscriptionDetails?.metadata ?? {}), ...inv.metadata };
  const lines = invoiceLines(inv, currency) ?? [{ product: 'invoice', amount: net(inv.total_excluding_tax ?? inv.total, 0, currency), recurring: forSubscription }];
  const email = inv.customer_email ?? undefined;
  const payments = inv.payments?.data.flatMap((p) => [p.payment?.payment_intent, p.payment?.charge]) ?? [];
  return {
    kind: 'order',
    event: {
      id: inv.id,
      type: 'order',
      occurredAt,
      data: {
        customer: { externalId: inv.customer ?? email ?? inv.id, ...(email ? { email } : {}) },
        currency,
        lines,
        ...signals(meta),
        coupons: coupons(meta, inv.discounts),
      },
    },
    payment: { object: 'invoice', objectId: inv.id, refs: compact([inv.id, inv.payment_intent, inv.charge, ...payments]) },
  };
}

/**
 * The invoice's lines, or undefined when they cannot stand for the invoice: the payload lists only
 * a page of them (has_more), or a proration credit makes a line negative (our lines are revenue,
 * never negative), in which case the invoice's own total before tax is the one honest line.
 */
function invoiceLines(inv: z.infer<typeof invoice>, currency: string) {
  if (inv.lines.data.length === 0 || inv.lines.has_more) return undefined;
  const nets = inv.lines.data.map((l) => l.amount - sum(l.discount_amounts?.map((d) => d.amount)));
  if (nets.some((n) => n < 0)) return undefined;
  return inv.lines.data.map((l, i) => ({
    product: l.pricing?.price_details?.product ?? l.price?.product ?? l.description ?? 'invoice',
    plan: l.pricing?.price_details?.price ?? l.price?.id,
    amount: net(nets[i]!, 0, currency),
    recurring: l.parent ? l.parent.type === 'subscription_item_details' : l.price ? l.price.recurring != null : l.type === 'subscription',
  }));
}

// --- shared -------------------------------------------------------------------------------------

function net(amount: number, discount: number, currency: string): string {
  const value = fromStripeMinor(amount - discount, currency);
  return toAmountString(Decimal.max(value, 0), currency);
}

const sum = (values: number[] | undefined) => (values ?? []).reduce((a, b) => a + b, 0);

function compact(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}

/** Our referral signals, which the storefront puts in metadata (or the Checkout client reference). */
function signals(meta: Record<string, string>, clientReference?: string) {
  const clickId = meta.ref_click?.trim() || clientReference?.trim();
  const partnerCode = meta.ref?.trim();
  return { ...(clickId ? { clickId } : {}), ...(partnerCode ? { partnerCode } : {}) };
}

function coupons(meta: Record<string, string>, discounts: z.infer<typeof discount>[] | null | undefined): string[] {
  const codes: (string | undefined)[] = [meta.coupon];
  for (const d of discounts ?? []) {
    if (typeof d === 'string') continue; // a bare discount id (di_…) names no code
    if (d.promotion_code && typeof d.promotion_code !== 'string') codes.push(d.promotion_code.code);
    const c = d.coupon ?? d.source?.coupon;
    // a coupon's id is the code merchants choose when they create it in the Dashboard
    if (c) codes.push(typeof c === 'string' ? c : c.id);
  }
  const seen = new Map<string, string>();
  for (const code of codes) if (code?.trim()) seen.set(code.trim().toUpperCase(), code.trim());
  return [...seen.values()].slice(0, 20);
}
