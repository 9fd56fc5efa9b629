import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fromStripeMinor, stripeExponent } from '../../lib/integrations/amounts';
import { translateStripeEvent } from '../../lib/integrations/stripe';
import { translateShopifyWebhook } from '../../lib/integrations/shopify';
import { parseShopifyJson } from '../../lib/integrations/shopify-json';
import { cleanString, cleanStrings } from '../../lib/validation/clean-strings';

// The translations alone, on payload variants the integration tests do not post.

// payloads are edited freely below, as senders would vary them
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (path: string): any => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
const orderOf = (i: ReturnType<typeof translateStripeEvent>) => {
  if (i.kind !== 'order') throw new Error(`expected an order, got ${i.kind}`);
  return i.event.data;
};

describe('Stripe amounts', () => {
  it("uses Stripe's minor units, which differ from ISO 4217 for ISK and MGA", () => {
    expect([stripeExponent('usd'), stripeExponent('JPY'), stripeExponent('kwd'), stripeExponent('isk'), stripeExponent('mga')]).toEqual([2, 0, 3, 2, 0]);
    expect(fromStripeMinor(1999, 'usd').toFixed()).toBe('19.99');
    expect(fromStripeMinor(500, 'jpy').toFixed()).toBe('500');
    expect(fromStripeMinor(12345, 'kwd').toFixed()).toBe('12.345');
    expect(fromStripeMinor(50000, 'isk').toFixed()).toBe('500');
  });
});

describe('translateStripeEvent', () => {
  it('uses expanded Checkout lines, recurring only for recurring prices of a subscription', () => {
    const e = fixture('stripe/checkout.session.completed.subscription.json');
    e.data.object.line_items = {
      object: 'list', has_more: false, data: [
        { id: 'li_1', object: 'item', description: 'Pro', amount_subtotal: 4900, amount_discount: 490, amount_total: 4410, amount_tax: 0, quantity: 1, price: { id: 'price_pro', object: 'price', product: 'prod_pro', recurring: { interval: 'month', interval_count: 1 } } },
        { id: 'li_2', object: 'item', description: 'Setup', amount_subtotal: 10000, amount_discount: 0, amount_total: 10000, amount_tax: 0, quantity: 1, price: { id: 'price_setup', object: 'price', product: 'prod_setup', recurring: null } },
      ],
    };
    expect(orderOf(translateStripeEvent(e)).lines).toEqual([
      { product: 'prod_pro', plan: 'price_pro', amount: '44.10', recurring: true },
      { product: 'prod_setup', plan: 'price_setup', amount: '100.00', recurring: false },
    ]);
  });

  it('waits for async_payment_succeeded when a Checkout Session completes unpaid', () => {
    const e = fixture('stripe/checkout.session.completed.json');
    e.data.object.payment_status = 'unpaid';
    expect(translateStripeEvent(e)).toMatchObject({ kind: 'ignored' });
    e.type = 'checkout.session.async_payment_succeeded';
    e.data.object.payment_status = 'paid';
    expect(translateStripeEvent(e)).toMatchObject({ kind: 'order', event: { id: 'pi_3PLtestCheckoutPaid01' } });
  });

  it('reads an invoice in the shape of API versions before 2025-03-31', () => {
    const e = fixture('stripe/invoice.paid.json');
    const inv = e.data.object;
    delete inv.parent;
    Object.assign(inv, { subscription: 'sub_old', subscription_details: { metadata: { ref_click: 'clk_old', ref: 'ANNA' } }, payment_intent: 'pi_old', charge: 'ch_old' });
    inv.lines.data[0] = { id: 'il_old', object: 'line_item', amount: 4900, currency: 'usd', description: 'Pro', discount_amounts: [{ amount: 900, discount: 'di_1' }], type: 'subscription', price: { id: 'price_pro', product: 'prod_pro', recurring: { interval: 'month' } } };
    const i = translateStripeEvent(e);
    expect(orderOf(i)).toMatchObject({ clickId: 'clk_old', partnerCode: 'ANNA', lines: [{ product: 'prod_pro', plan: 'price_pro', amount: '40.00', recurring: true }] });
    expect(i).toMatchObject({ payment: { refs: ['in_1PLtestSubFirst02', 'pi_old', 'ch_old'] } });
  });

  it('falls back to the invoice total when a proration credit makes a line negative', () => {
    const e = fixture('stripe/invoice.paid.json');
    const inv = e.data.object;
    inv.lines.data.push({ ...inv.lines.data[0], id: 'il_credit', amount: -2000, description: 'Unused time on Basic' });
    Object.assign(inv, { total: 2900, total_excluding_tax: 2900 });
    expect(orderOf(translateStripeEvent(e)).lines).toEqual([{ product: 'invoice', amount: '29.00', recurring: true }]);
  });

  it('takes coupon codes from expanded promotion codes, coupon ids and metadata', () => {
    const e = fixture('stripe/checkout.session.completed.json');
    e.data.object.discounts = [{ coupon: { id: 'Z4OV52SU', object: 'coupon' }, promotion_code: { id: 'promo_1', object: 'promotion_code', code: 'SPRING' } }];
    e.data.object.metadata = { coupon: 'spring' };
    expect(orderOf(translateStripeEvent(e)).coupons).toEqual(['SPRING', 'Z4OV52SU']);
  });

  it('names the field when a payload lacks something it needs', () => {
    const e = fixture('stripe/charge.refunded.json');
    delete e.data.object.amount_refunded;
    expect(() => translateStripeEvent(e)).toThrow(expect.objectContaining({ code: 'invalid_input', fields: { 'data.object.amount_refunded': expect.any(String) } }));
  });
});

describe('translateShopifyWebhook', () => {
  it('reads the click id from a hidden cart attribute, else from the landing page', () => {
    const o = fixture('shopify/orders-paid.json');
    expect(translateShopifyWebhook('orders/paid', o)).toMatchObject({ event: { data: { clickId: 'clk_placeholder' } } });
    o.note_attributes = [{ name: '_ref_click', value: 'clk_cart' }, { name: 'ref', value: 'ANNA' }];
    expect(translateShopifyWebhook('orders/paid', o)).toMatchObject({ event: { data: { clickId: 'clk_cart', partnerCode: 'ANNA' } } });
  });

  it('keeps ids exact beyond 2^53 through the GraphQL id', () => {
    const o = fixture('shopify/orders-paid.json');
    Object.assign(o, { id: 820982911946154508, admin_graphql_api_id: 'gid://shopify/Order/820982911946154508' });
    expect(translateShopifyWebhook('orders/paid', o)).toMatchObject({ event: { id: 'shopify-order-820982911946154508' } });
  });

  it('counts a refund without line items by its successful transactions, less refunded shipping', () => {
    const r = fixture('shopify/refunds-create.json');
    r.refund_line_items = [];
    r.transactions.push({ ...r.transactions[0], id: 2, amount: '5.00', status: 'failure' });
    r.order_adjustments = [{ id: 1, amount: '-7.00', kind: 'shipping_refund', reason: 'Shipping refund', tax_amount: '0.00' }];
    expect(translateShopifyWebhook('refunds/create', r)).toMatchObject({ event: { data: { orderId: 'shopify-order-5734839210051', amount: '21.97' } } });
    r.transactions[0].amount = '7.00';
    expect(translateShopifyWebhook('refunds/create', r)).toMatchObject({ kind: 'ignored' });
  });
});

describe('parseShopifyJson', () => {
  it('keeps integers beyond 2^53 as their exact digits and decimals as their exact text', () => {
    const parsed = parseShopifyJson('{"id":9007199254740993,"small":42,"subtotal":27.0,"price":0.1,"neg":-9007199254740995}') as Record<string, unknown>;
    expect(parsed).toEqual({ id: '9007199254740993', small: 42, subtotal: '27.0', price: '0.1', neg: '-9007199254740995' });
  });

  it('takes the last of repeated keys, as JSON.parse does, and refuses what is not JSON with 400', () => {
    expect(parseShopifyJson('{"a":1,"a":2}')).toEqual({ a: 2 });
    for (const bad of ['', '{"id": ', 'NaN', `${'['.repeat(200_000)}${']'.repeat(200_000)}`]) {
      expect(() => parseShopifyJson(bad)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });

  it('lets a refund name an order beyond 2^53 exactly', () => {
    const r = fixture('shopify/refunds-create.json');
    delete r.admin_graphql_api_id;
    const text = JSON.stringify({ ...r, id: 1, order_id: 2 }).replace('"id":1,', '"id":9007199254740995,').replace('"order_id":2,', '"order_id":9007199254740993,');
    expect(translateShopifyWebhook('refunds/create', parseShopifyJson(text))).toMatchObject({
      event: { id: 'shopify-refund-9007199254740995', data: { orderId: 'shopify-order-9007199254740993' } },
    });
  });
});

describe('cleanStrings', () => {
  it('replaces each NUL and each lone surrogate with U+FFFD and keeps valid pairs', () => {
    expect(cleanString('a\u0000b')).toBe('a\ufffdb');
    expect(cleanString('\ud800')).toBe('\ufffd');
    expect(cleanString('\udc00x\ud83d')).toBe('\ufffdx\ufffd');
    expect(cleanString('\ud83d\ude00 \ud800\udc00')).toBe('\ud83d\ude00 \ud800\udc00');
    expect(cleanString('\ud800\ud800\udc00')).toBe('\ufffd\ud800\udc00');
  });

  it('cleans every string and key, at any depth, without touching other values', () => {
    const date = new Date(0);
    const input = JSON.parse('{"k\\u0000":["\\ud800",1,null,true,{"deep":{"x":"\\u0000"}}],"__proto__":"p\\u0000"}');
    const out = cleanStrings({ ...input, date });
    expect(Object.keys(out)).toEqual(['k\ufffd', '__proto__', 'date']);
    expect(out['k\ufffd']).toEqual(['\ufffd', 1, null, true, { deep: { x: '\ufffd' } }]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('p\ufffd');
    expect(out.date).toBe(date);
    expect(cleanStrings(null)).toBeNull();
    expect(cleanStrings(7)).toBe(7);
  });

  it('handles nesting far deeper than the call stack allows', () => {
    const depth = 200_000;
    const nested = JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`);
    let node = cleanStrings(nested) as unknown;
    for (let i = 0; i < depth; i += 1) node = (node as unknown[])[0];
    expect(node).toBe('\ufffd');
  });
});
