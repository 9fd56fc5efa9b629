import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Decimal } from '../engine';
import { AppError } from '../errors';
import { usableEmail, type IncomingEvent } from '../validation/events';
import { cleanString } from '../validation/clean-strings';
import { fromProviderDecimal, toAmountString } from './amounts';
import { readPayload } from './payload';

// Shopify webhooks, checked and turned into our canonical events (no database here).

/**
 * Shopify's documented check: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body,
 * keyed with the app's client secret (or the key shown under Settings → Notifications → Webhooks
 * for webhooks created in the shop admin). Compared in constant time.
 */
export function verifyShopifyWebhook(rawBody: string, hmacHeader: string | null, secret: string): void {
  if (!hmacHeader) throw new AppError('unauthorized', 'Missing X-Shopify-Hmac-Sha256 header.');
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  // exactly the 44 characters of a base64 SHA-256: Node's decoder skips characters it does not
  // know, so a looser check would accept the right value with anything appended or interleaved
  if (!/^[A-Za-z0-9+/]{43}=$/.test(hmacHeader)) throw new AppError('unauthorized', 'Bad Shopify signature: X-Shopify-Hmac-Sha256 is not a base64 HMAC-SHA256.');
  const given = Buffer.from(hmacHeader, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('unauthorized', 'Bad Shopify signature: X-Shopify-Hmac-Sha256 does not match the body.');
  }
}

// --- the parts of Shopify payloads we read --------------------------------------------------------

/**
 * Shopify sends most amounts as decimal strings, a few (refund line subtotals) as JSON numbers,
 * which parseShopifyJson hands over as their exact text.
 */
const money = z.union([z.string(), z.number()]);
const moneySet = z.looseObject({ shop_money: z.looseObject({ amount: money }) }).nullish();

/**
 * A numeric Shopify id as text: a JSON number a double holds exactly, or (from parseShopifyJson) the
 * exact digits of a larger one. A number beyond 2^53 was rounded by whoever parsed it, so its digits
 * are not the id: null, and exactId falls back to the GraphQL id. (zod's int() would refuse it.)
 */
const shopifyId = z
  .union([z.number().nonnegative().refine(Number.isInteger, 'must be a whole number'), z.string().regex(/^\d{1,30}$/, 'must be a whole number')])
  .transform((id) => (typeof id === 'string' ? id : Number.isSafeInteger(id) ? String(id) : null));
/** Shopify's times: ISO 8601 with an offset ("2026-01-05T10:15:00-05:00"). */
const shopifyTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

const lineItem = z.looseObject({
  title: z.string(),
  product_id: shopifyId.nullish(),
  variant_id: shopifyId.nullish(),
  quantity: z.number().int().nonnegative(),
  price: money,
  total_discount: money.nullish(),
  discount_allocations: z.array(z.looseObject({ amount: money })).nullish(),
});

const order = z.looseObject({
  id: shopifyId,
  admin_graphql_api_id: z.string().nullish(),
  created_at: shopifyTime,
  processed_at: shopifyTime.nullish(),
  currency: z.string(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  customer: z.looseObject({ id: shopifyId, admin_graphql_api_id: z.string().nullish(), email: z.string().nullish() }).nullish(),
  line_items: z.array(lineItem),
  discount_codes: z.array(z.looseObject({ code: z.string() })).nullish(),
  note_attributes: z.array(z.looseObject({ name: z.string(), value: z.unknown() })).nullish(),
  landing_site: z.string().nullish(),
});

const refund = z.looseObject({
  id: shopifyId,
  admin_graphql_api_id: z.string().nullish(),
  order_id: shopifyId,
  created_at: shopifyTime,
  processed_at: shopifyTime.nullish(),
  refund_line_items: z.array(z.looseObject({ subtotal: money.nullish(), subtotal_set: moneySet })).nullish(),
  transactions: z.array(z.looseObject({ kind: z.string(), status: z.string(), amount: money })).nullish(),
  order_adjustments: z.array(z.looseObject({ kind: z.string(), amount: money })).nullish(),
  refund_shipping_lines: z.array(z.looseObject({ subtotal_amount_set: moneySet })).nullish(),
});

export type ShopifyInstruction = { kind: 'event'; event: IncomingEvent } | { kind: 'ignored'; reason: string };

export const shopifyOrderId = (id: string) => `shopify-order-${id}`;

/**
 * A Shopify id as exact text: the GraphQL id ("gid://shopify/Order/…") when the payload has one,
 * else the numeric id as shopifyId read it.
 */
function exactId(id: string | null, gid: string | null | undefined, field: string): string {
  const exact = gid?.match(/^gid:\/\/shopify\/\w+\/(\d{1,30})$/)?.[1] ?? id;
  if (exact == null) throw new AppError('invalid_input', `Shopify webhook: ${field} is too large to read exactly.`, { [field]: 'is beyond 2^53' });
  return exact;
}

export function translateShopifyWebhook(topic: string | null, payload: unknown): ShopifyInstruction {
  if (topic === 'orders/paid') return { kind: 'event', event: orderEvent(parse(order, payload)) };
  if (topic === 'refunds/create') return refundEvent(parse(refund, payload));
  return { kind: 'ignored', reason: `${topic ?? 'a webhook without X-Shopify-Topic'} does not concern rewards` };
}

const parse = <T extends z.ZodType>(schema: T, payload: unknown) => readPayload(schema, payload, { sender: 'Shopify webhook' });

// --- orders/paid ----------------------------------------------------------------------------------

function orderEvent(o: z.infer<typeof order>): IncomingEvent {
  const currency = o.currency.toUpperCase();
  const email = usableEmail(o.customer?.email ?? o.email ?? o.contact_email);
  const attributes = new Map((o.note_attributes ?? []).map((a) => [a.name.replace(/^_/, ''), String(a.value ?? '').trim()]));
  const clickId = attributes.get('ref_click') || landingParam(o.landing_site, 'ref_click');
  const partnerCode = attributes.get('ref');
  const id = shopifyOrderId(exactId(o.id, o.admin_graphql_api_id, 'id'));
  return {
    id,
    type: 'order',
    occurredAt: endOfWholeSecond(o.processed_at ?? o.created_at),
    data: {
      customer: { externalId: o.customer ? `shopify-customer-${exactId(o.customer.id, o.customer.admin_graphql_api_id, 'customer.id')}` : (email ?? id), ...(email ? { email } : {}) },
      currency,
      // price × quantity minus the discounts Shopify allocated to the line (order-level codes
      // included); tax and shipping are not revenue of a line
      lines: o.line_items.map((l) => {
        const gross = fromProviderDecimal(l.price).times(l.quantity);
        const discount = l.discount_allocations?.length
          ? l.discount_allocations.reduce((s, d) => s.plus(fromProviderDecimal(d.amount)), new Decimal(0))
          : fromProviderDecimal(l.total_discount ?? '0');
        return {
          product: l.product_id ?? l.title,
          ...(l.variant_id ? { plan: l.variant_id } : {}),
          amount: toAmountString(Decimal.max(gross.minus(discount), 0), currency),
          recurring: false,
        };
      }),
      ...(clickId ? { clickId } : {}),
      ...(partnerCode ? { partnerCode } : {}),
      coupons: [...new Set((o.discount_codes ?? []).map((d) => d.code.trim()).filter(Boolean))].slice(0, 20),
    },
  };
}

/**
 * A query parameter of the landing page ("/products/x?ref_click=abc"), the fallback for a click id.
 * Cleaned once more after decoding: the shopper controls this URL, and "%00" decodes to a NUL.
 */
function landingParam(landingSite: string | null | undefined, name: string): string | undefined {
  if (!landingSite) return undefined;
  try {
    const value = new URL(landingSite, 'https://shop.invalid').searchParams.get(name);
    return value == null ? undefined : cleanString(value).trim() || undefined;
  } catch {
    return undefined;
  }
}

// --- refunds/create -------------------------------------------------------------------------------

/**
 * The refunded revenue, on the basis of the order's lines: the subtotals of the refunded line items
 * (after discounts, before tax). A refund without line items (an amount typed in by hand) counts
 * its successful refund transactions minus any shipping they gave back.
 */
function refundEvent(r: z.infer<typeof refund>): ShopifyInstruction {
  const lines = r.refund_line_items ?? [];
  let amount: Decimal;
  if (lines.length > 0) {
    amount = lines.reduce((s, l) => s.plus(fromProviderDecimal(l.subtotal_set?.shop_money.amount ?? l.subtotal ?? '0')), new Decimal(0));
  } else {
    const paid = (r.transactions ?? []).filter((t) => t.kind === 'refund' && t.status === 'success').reduce((s, t) => s.plus(fromProviderDecimal(t.amount)), new Decimal(0));
    const shipping = [
      ...(r.order_adjustments ?? []).filter((a) => a.kind === 'shipping_refund').map((a) => fromProviderDecimal(a.amount).abs()),
      ...(r.refund_shipping_lines ?? []).map((s) => fromProviderDecimal(s.subtotal_amount_set?.shop_money.amount ?? '0').abs()),
    ].reduce((s, x) => s.plus(x), new Decimal(0));
    amount = Decimal.max(paid.minus(shipping), 0);
  }
  if (amount.isZero()) return { kind: 'ignored', reason: 'the refund gives back no goods revenue (shipping or nothing)' };
  return {
    kind: 'event',
    event: {
      id: `shopify-refund-${exactId(r.id, r.admin_graphql_api_id, 'id')}`,
      type: 'refund',
      occurredAt: endOfWholeSecond(r.processed_at ?? r.created_at),
      data: { orderId: shopifyOrderId(exactId(r.order_id, null, 'order_id')), amount: amount.toFixed() },
    },
  };
}

/**
 * Shopify's times have whole seconds. A click at 10:00:00.700 and an order stamped 10:00:00 happened
 * in that order (the shopper clicked, then paid), so an event time read from a whole-second source
 * is the end of its second (10:00:00.999): the click counts. The Stripe adapter reads `created` the
 * same way. A time that carries fractions is taken as it is.
 */
function endOfWholeSecond(time: string): string {
  const at = new Date(time).getTime();
  const wholeSecond = !/T\d{2}:\d{2}:\d{2}\./.test(time);
  return new Date(wholeSecond ? at + 999 : at).toISOString();
}
