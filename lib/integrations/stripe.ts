import 'server-only';
import type { z } from 'zod';
import { Decimal } from '../engine';
import { AppError } from '../errors';
import { fromStripeMinor, toAmountString } from './amounts';
import { readPayload } from './payload';
import { usableEmail } from '../validation/events';
import { parseStripeEnvelope, stripeOccurredAt } from './stripe-envelope';
import {
  charge, checkoutSession, invoice, invoicePayment, promotionCode,
  type StripeCheckoutSession, type StripeDiscount, type StripeInvoice,
} from './stripe-objects';
import type { StripeCouponRef, StripeOrderAwaits, StripeOrderInstruction, StripeRefundInstruction } from './stripe-types';

export { verifyStripeWebhook } from './stripe-signature';

// What Stripe tells us, checked and turned into our canonical events. No database and no Stripe
// API call here: the payload alone must be enough. Whether an event can be decided now, or must
// wait for another one Stripe has not delivered yet, is the services' call (lib/server/stripe).

/** A promotion code seen with both its id and its code: what a coupon is matched by from then on. */
export interface StripePromotionCodeSeen {
  id: string;
  code: string;
  active: boolean;
}

/** What a Stripe event asks of us. */
export type StripeInstruction =
  | (StripeOrderInstruction & { promotionCodes: StripePromotionCodeSeen[] })
  | StripeRefundInstruction
  /** invoice_payment.paid: these payment ids paid this invoice (our order of the same id) */
  | { kind: 'payment'; invoice: string; refs: string[] }
  | { kind: 'promotion_code'; promotionCode: StripePromotionCodeSeen }
  | { kind: 'ignored'; reason: string };

const HANDLED = [
  'checkout.session.completed', 'checkout.session.async_payment_succeeded', 'invoice.paid', 'invoice_payment.paid', 'charge.refunded',
  'promotion_code.created', 'promotion_code.updated',
];

/**
 * Invoices a Checkout Session may stand behind: a subscription's first invoice, and the invoice a
 * payment-mode session creates when invoice creation is on. Their order waits for the session.
 */
const SESSION_BILLING_REASONS = ['subscription_create', 'manual'];

/** Reads a signed Stripe event (its envelope is checked first) and says what it asks of us. */
export function translateStripeEvent(payload: unknown, now: Date = new Date()): StripeInstruction {
  const event = parseStripeEnvelope(payload, now);
  if (!HANDLED.includes(event.type)) return { kind: 'ignored', reason: `${event.type} does not concern rewards` };
  const occurredAt = stripeOccurredAt(event.created);
  const object = event.data.object;
  switch (event.type) {
    case 'charge.refunded':
      return chargeRefund(parseObject(charge, object), occurredAt);
    case 'invoice.paid':
      return invoiceOrder(parseObject(invoice, object), occurredAt);
    case 'invoice_payment.paid': {
      const paid = parseObject(invoicePayment, object);
      return { kind: 'payment', invoice: paid.invoice!, refs: compact([paid.payment?.payment_intent, paid.payment?.charge]) };
    }
    case 'promotion_code.created':
    case 'promotion_code.updated': {
      const promo = parseObject(promotionCode, object);
      return { kind: 'promotion_code', promotionCode: { id: promo.id, code: promo.code, active: promo.active ?? true } };
    }
    default:
      return checkoutOrder(parseObject(checkoutSession, object), occurredAt);
  }
}

const parseObject = <T extends z.ZodType>(schema: T, object: unknown) => readPayload(schema, object, { sender: 'Stripe event', at: ['data', 'object'] });

// --- charge.refunded ------------------------------------------------------------------------------

function chargeRefund(c: z.infer<typeof charge>, occurredAt: string): StripeRefundInstruction {
  return {
    kind: 'refund',
    charge: {
      id: c.id, amount: c.amount, amountCaptured: c.amount_captured ?? null, amountRefunded: c.amount_refunded, currency: c.currency,
      ...(c.payment_intent ? { paymentIntent: c.payment_intent } : {}), ...(c.invoice ? { invoice: c.invoice } : {}),
    },
    occurredAt,
  };
}

// --- checkout.session.completed / async_payment_succeeded ------------------------------------------

function checkoutOrder(session: StripeCheckoutSession, occurredAt: string): StripeInstruction {
  if (session.mode === 'setup') return { kind: 'ignored', reason: 'a setup-mode Checkout Session takes no payment' };
  // delayed methods (SEPA, ACH) complete unpaid; their async_payment_succeeded event brings the order
  if (session.payment_status === 'unpaid') return { kind: 'ignored', reason: 'the Checkout Session is not paid yet' };
  if (!session.currency) throw new AppError('invalid_input', 'Stripe event: data.object.currency is missing.', { 'data.object.currency': 'is required' });
  const currency = session.currency.toUpperCase();
  const recurring = session.mode === 'subscription';
  const email = usableEmail(session.customer_details?.email ?? session.customer_email);
  const lines = session.line_items?.data.length && !session.line_items.has_more
    ? session.line_items.data.map((l) => ({
        product: text(l.price?.product ?? l.description) ?? 'checkout',
        ...optional('plan', l.price?.id),
        amount: net(l.amount_subtotal, l.amount_discount ?? 0, currency),
        // in a subscription session one-time prices (a setup fee) may sit next to recurring ones
        recurring: recurring && l.price ? l.price.recurring != null : recurring,
      }))
    : [{ product: 'checkout', amount: sessionNet(session, currency), recurring }];
  // The order is named after the payment a refund will name. A subscription's first invoice is the
  // same payment as its Checkout Session and Stripe also sends invoice.paid for it: both become the
  // order named after the invoice, so whichever is decided second is a duplicate, not a second order
  // (and the invoice waits for the session, which carries the referral). A payment-mode session is
  // named after its payment intent, which charge.refunded carries; the session id remains for
  // sessions that took no payment (a 100% discount).
  const id = session.invoice ?? session.payment_intent ?? session.id;
  const discounts = readDiscounts(session.metadata, session.discounts);
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
        coupons: readableCodes(discounts.coupons),
      },
    },
    payment: { object: 'checkout.session', objectId: session.id, refs: compact([session.id, session.payment_intent, session.invoice]) },
    coupons: discounts.coupons,
    promotionCodes: discounts.promotionCodes,
    ...optional('subscription', session.subscription),
  };
}

/** Revenue of a session without expanded lines: before tax and shipping, after discounts, like the lines. */
function sessionNet(session: StripeCheckoutSession, currency: string): string {
  if (session.amount_subtotal != null) return net(session.amount_subtotal, session.total_details?.amount_discount ?? 0, currency);
  if (session.amount_total != null) return net(session.amount_total, 0, currency);
  throw new AppError('invalid_input', 'Stripe event: data.object.amount_subtotal is missing.', { 'data.object.amount_subtotal': 'is required' });
}

// --- invoice.paid -------------------------------------------------------------------------------

function invoiceOrder(inv: StripeInvoice, occurredAt: string): StripeInstruction {
  const currency = inv.currency.toUpperCase();
  const subscriptionDetails = inv.parent?.subscription_details;
  const subscription = subscriptionDetails?.subscription ?? inv.subscription;
  const meta = { ...(inv.subscription_details?.metadata ?? {}), ...(subscriptionDetails?.metadata ?? {}), ...inv.metadata };
  const lines = invoiceLines(inv, currency) ?? [{ product: 'invoice', amount: net(inv.total_excluding_tax ?? inv.total, 0, currency), recurring: Boolean(subscription) }];
  const email = usableEmail(inv.customer_email);
  const payments = inv.payments?.data.flatMap((p) => [p.payment?.payment_intent, p.payment?.charge]) ?? [];
  const discounts = readDiscounts(meta, inv.discounts);
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
        coupons: readableCodes(discounts.coupons),
      },
    },
    payment: { object: 'invoice', objectId: inv.id, refs: compact([inv.id, inv.payment_intent, inv.charge, ...payments]) },
    coupons: discounts.coupons,
    promotionCodes: discounts.promotionCodes,
    ...optional('subscription', subscription),
    ...optional('awaits', invoiceAwaits(inv, subscription)),
  };
}

/** What an invoice's order must wait for (see StripeOrderAwaits); nothing for a one-off invoice. */
function invoiceAwaits(inv: StripeInvoice, subscription: string | undefined): StripeOrderAwaits | undefined {
  if (inv.billing_reason && SESSION_BILLING_REASONS.includes(inv.billing_reason)) return { for: 'checkout_session', key: inv.id };
  return subscription ? { for: 'subscription', key: subscription } : undefined;
}

/**
 * The invoice's lines, or undefined when they cannot stand for the invoice: the payload lists only
 * a page of them (has_more), or a proration credit makes a line negative (our lines are revenue,
 * never negative), in which case the invoice's own total before tax is the one honest line.
 */
function invoiceLines(inv: StripeInvoice, currency: string) {
  if (inv.lines.data.length === 0 || inv.lines.has_more) return undefined;
  const nets = inv.lines.data.map((l) => l.amount - sum(l.discount_amounts?.map((d) => d.amount)));
  if (nets.some((n) => n < 0)) return undefined;
  return inv.lines.data.map((l, i) => ({
    product: text(l.pricing?.price_details?.product ?? l.price?.product ?? l.description) ?? 'invoice',
    ...optional('plan', l.pricing?.price_details?.price ?? l.price?.id),
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

const optional = <K extends string, V>(key: K, value: V | null | undefined) => (value == null ? {} : ({ [key]: value } as { [P in K]: V }));

/**
 * Free text that becomes a product name (a line's description): trimmed to the event schema's 200
 * characters rather than refusing a paid order because a merchant wrote a long description.
 */
const text = (s: string | null | undefined) => (s?.trim() ? s.trim().slice(0, 200) : undefined);

/**
 * Our referral signals, which the storefront puts in metadata (or the Checkout client reference).
 * One that cannot be ours (longer than any click id or link code we issue) is left out rather than
 * refusing the order: the order is real money, the malformed signal only names no one.
 */
function signals(meta: Record<string, string>, clientReference?: string) {
  const clickId = fits(meta.ref_click, 200) ?? fits(clientReference, 200);
  const partnerCode = fits(meta.ref, 100);
  return { ...(clickId ? { clickId } : {}), ...(partnerCode ? { partnerCode } : {}) };
}

const fits = (s: string | undefined, max: number) => (s?.trim() && s.trim().length <= max ? s.trim() : undefined);

/**
 * The order's coupons, in the order Stripe listed them: the metadata's `coupon`, then per discount
 * its promotion code (the code when expanded, else its id, resolved to a coupon by the services)
 * and its coupon's id (the code merchants choose when they create a coupon in the Dashboard).
 * Expanded promotion codes are also returned on their own: each teaches us a code's id.
 */
function readDiscounts(meta: Record<string, string>, discounts: StripeDiscount[] | null | undefined) {
  const refs: StripeCouponRef[] = [];
  const promotionCodes: StripePromotionCodeSeen[] = [];
  const code = (c: string | undefined) => {
    if (fits(c, 100)) refs.push({ code: c!.trim() });
  };
  code(meta.coupon);
  for (const d of discounts ?? []) {
    if (typeof d === 'string') continue; // a bare discount id (di_…) names no code
    if (typeof d.promotion_code === 'string') refs.push({ promotionCode: d.promotion_code });
    else if (d.promotion_code) {
      code(d.promotion_code.code);
      promotionCodes.push({ id: d.promotion_code.id, code: d.promotion_code.code, active: true });
    }
    const c = d.coupon ?? d.source?.coupon;
    if (c) code(typeof c === 'string' ? c : c.id);
  }
  return { coupons: dedupe(refs).slice(0, 20), promotionCodes };
}

/** One entry per code (case-insensitively) and per promotion code id, at its first position, spelled as last seen. */
function dedupe(refs: StripeCouponRef[]): StripeCouponRef[] {
  const byKey = new Map<string, StripeCouponRef>();
  for (const r of refs) byKey.set('code' in r ? `code:${r.code.toUpperCase()}` : `promo:${r.promotionCode}`, r);
  return [...byKey.values()];
}

export const readableCodes = (refs: StripeCouponRef[]) => refs.flatMap((r) => ('code' in r ? [r.code] : []));
