import { beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, count, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { storeClick } from '../helpers/clicks';
import { saveSecret } from '../../lib/server/secrets';
import { customers, events, ledgerEntries, workspaces } from '../../db/schema';

// Shopify webhooks at the edges of what Shopify sends: ids past 2^53 as raw JSON numbers, whole-
// second times, strings a shopper typed (NULs, broken UTF-16), absurd amounts, a loosely formed
// HMAC, and replays. Bodies are written as text, as Shopify sends them, and signed with its HMAC.

const db = testDatabase();
const shopifyRoute = await import('../../app/api/v1/integrations/shopify/[workspace]/route');

const SECRET = 'shpss_test_PLshopifyEdgeSecret0001';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (path: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));

let slug: string;
let workspaceId: string;
let linkCode: string;

beforeAll(async () => {
  linkCode = uniq('edge');
  const ids = await setUpScenario(db, {
    title: 'shopify edges',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
    partners: [{ key: 'anna', email: `${linkCode}@partners.test`, enrollments: [{ program: 'ref' }], links: [{ code: linkCode }], coupons: [{ code: 'ANNA10' }] }],
    steps: [],
    expect: { entries: [] },
  });
  workspaceId = ids.workspaceId;
  [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  await saveSecret(db, workspaceId, 'shopify', SECRET);
});

const hmacOf = (body: string) => createHmac('sha256', SECRET).update(body, 'utf8').digest('base64');

function post(topic: string, body: string, hmac = hmacOf(body)) {
  const headers = new Headers({ 'content-type': 'application/json', 'x-shopify-topic': topic, 'x-shopify-hmac-sha256': hmac, 'x-shopify-api-version': '2026-01' });
  return shopifyRoute.POST(new Request(`http://app.test/api/v1/integrations/shopify/${slug}`, { method: 'POST', headers, body }), { params: Promise.resolve({ workspace: slug }) });
}

/** A fresh orders/paid payload with its own ids (numbers below 2^53) and no click. */
function newOrder(overrides: Json = {}): Json {
  const o = fixture('shopify/orders-paid.json');
  const id = 5_700_000_000_000 + Math.floor(Math.random() * 1e9);
  Object.assign(o, { id, admin_graphql_api_id: `gid://shopify/Order/${id}`, landing_site: '/', note_attributes: [], discount_codes: [] }, overrides);
  o.customer.id = id + 1;
  o.customer.admin_graphql_api_id = `gid://shopify/Customer/${id + 1}`;
  return o;
}

const storedPayload = async (senderId: string) =>
  (await db.select({ payload: events.payload }).from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, senderId))))[0]?.payload as Json | undefined;
const rowCounts = async () => {
  const [[e], [l], [c]] = await Promise.all([
    db.select({ n: count() }).from(events).where(eq(events.workspaceId, workspaceId)),
    db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId)),
    db.select({ n: count() }).from(customers).where(eq(customers.workspaceId, workspaceId)),
  ]);
  return { events: e.n, entries: l.n, customers: c.n };
};

/** Shopify's own time format: whole seconds with the shop's offset. */
function shopifyTime(at: Date): string {
  const local = new Date(at.getTime() - 5 * 3600_000).toISOString().slice(0, 19);
  return `${local}-05:00`;
}

describe('Shopify ids beyond 2^53', () => {
  it('keeps order_id 9007199254740993 exact from the refund to its order (the numeric id is all a refund has)', async () => {
    const big = '9007199254740993'; // 2^53 + 1: JSON.parse reads it as ...992
    expect(String(JSON.parse(big))).not.toBe(big);
    const order = newOrder({ discount_codes: [{ code: 'ANNA10', amount: '15.00', type: 'percentage' }] });
    delete order.admin_graphql_api_id;
    const orderBody = JSON.stringify(order).replace(`"id":${order.id},`, `"id":${big},`);
    const created = await post('orders/paid', orderBody);
    expect(created.status, await created.clone().text()).toBe(200);
    expect(await created.json()).toMatchObject({ id: `shopify-order-${big}`, entries: [{ kind: 'commission', amount: '13.50' }] });

    const refund = fixture('shopify/refunds-create.json');
    const refundId = '9007199254740995';
    const refundBody = JSON.stringify({ ...refund, admin_graphql_api_id: undefined, id: 1, order_id: 2 })
      .replace('"id":1,', `"id":${refundId},`)
      .replace('"order_id":2,', `"order_id":${big},`);
    const refunded = await post('refunds/create', refundBody);
    expect(refunded.status, await refunded.clone().text()).toBe(200);
    expect(await refunded.json()).toMatchObject({ id: `shopify-refund-${refundId}`, entries: [{ kind: 'reversal', amount: '-2.70' }] });
  });

  it('keeps product and variant ids exact too', async () => {
    const order = newOrder();
    const body = JSON.stringify(order).replace(`"product_id":${order.line_items[0].product_id}`, '"product_id":18014398509481985');
    const res = await post('orders/paid', body);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await storedPayload(`shopify-order-${order.id}`))?.data.lines[0].product).toBe('18014398509481985');
  });
});

describe('Shopify times with whole seconds', () => {
  it('counts a click made in the same second as the order, after the order time Shopify wrote', async () => {
    // the shopper clicks at hh:mm:ss.700 and pays within the second; Shopify writes hh:mm:ss
    const second = new Date(Math.floor((Date.now() - 86_400_000) / 1000) * 1000);
    const clickId = `clk_${uniq('same')}`;
    await storeClick(db, workspaceId, { id: clickId, linkCode, visitorId: uniq('v'), at: new Date(second.getTime() + 700) });
    const order = newOrder({ processed_at: shopifyTime(second), created_at: shopifyTime(second), note_attributes: [{ name: '_ref_click', value: clickId }] });
    const res = await post('orders/paid', JSON.stringify(order));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ entries: [{ kind: 'commission', amount: '13.50' }] });
    expect((await storedPayload(`shopify-order-${order.id}`))?.occurredAt).toBe(new Date(second.getTime() + 999).toISOString());
  });

  it('refuses a time that is not ISO 8601 instead of guessing (400 naming the field)', async () => {
    const order = newOrder({ processed_at: null, created_at: '1' }); // new Date('1') would be 2001
    const res = await post('orders/paid', JSON.stringify(order));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('created_at');
  });
});

describe('strings a shopper controls', () => {
  it('stores NULs and lone surrogates in codes, attributes and the landing page as U+FFFD instead of failing with 500', async () => {
    const before = await rowCounts();
    const order = newOrder({
      discount_codes: [{ code: 'ANNA10\u0000', amount: '1.00', type: 'fixed_amount' }, { code: 'X\ud800Y', amount: '1.00', type: 'fixed_amount' }],
      note_attributes: [{ name: 'ref\u0000', value: 'a\udc00' }, { name: 'gift\ud83d', value: 'yes\u0000' }],
      landing_site: '/products/x?ref_click=clk_%00abc&q=%ED%A0%80',
    });
    order.line_items[0].title = 'Trail\u0000Shoe';
    order.line_items[0].product_id = null;
    const res = await post('orders/paid', JSON.stringify(order));
    expect(res.status, await res.clone().text()).toBe(200);
    const stored = await storedPayload(`shopify-order-${order.id}`);
    expect(stored?.data).toMatchObject({ coupons: ['ANNA10\ufffd', 'X\ufffdY'], clickId: 'clk_\ufffdabc' });
    expect(stored?.data.lines[0].product).toBe('Trail\ufffdShoe');
    expect(JSON.stringify(stored)).not.toMatch(/\\u0000|\\ud[89ab]/i);
    expect(await rowCounts()).toMatchObject({ events: before.events + 1 });
  });
});

describe('amounts Shopify would never send', () => {
  it.each([
    ['a price of 1e100 written out', '1' + '0'.repeat(100)],
    ['a 1,000-digit price', '9'.repeat(1000)],
    ['a price with 131,000 digits', '7'.repeat(131_000)],
  ])('refuses %s with 400 and writes nothing', async (_, price) => {
    const before = await rowCounts();
    const order = newOrder();
    order.line_items[0].price = `${price}.00`;
    const res = await post('orders/paid', JSON.stringify(order));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty(['data.lines.0.amount']);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a quantity that multiplies a price past the bound', async () => {
    const before = await rowCounts();
    const order = newOrder();
    order.line_items[0].quantity = 9_000_000_000_000_000;
    const res = await post('orders/paid', JSON.stringify(order));
    expect(res.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('the HMAC header, strictly', () => {
  it('refuses the right HMAC with anything appended, or spaces around it', async () => {
    const order = newOrder();
    const body = JSON.stringify(order);
    const right = hmacOf(body);
    for (const hmac of [`${right}x`, `${right}!!`, `${right.slice(0, 20)}*${right.slice(20)}`, `${right.slice(0, -1)}`]) {
      expect((await post('orders/paid', body, hmac)).status, hmac).toBe(401);
    }
    expect(await storedPayload(`shopify-order-${order.id}`)).toBeUndefined();
    expect((await post('orders/paid', body, right)).status).toBe(200);
  });
});

describe('replays', () => {
  it('answers a replay with the very bytes of the first answer, marked Idempotent-Replayed', async () => {
    const body = JSON.stringify(newOrder({ discount_codes: [{ code: 'ANNA10', amount: '15.00', type: 'percentage' }] }));
    const first = await post('orders/paid', body);
    const firstText = await first.text();
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(JSON.parse(firstText).entries).toHaveLength(1);
    for (let i = 0; i < 3; i += 1) {
      const again = await post('orders/paid', body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.text()).toBe(firstText);
    }
  });
});

describe('a malformed email a shopper typed', () => {
  it('records the paid order without it instead of refusing it (Shopify cannot fix the payload)', async () => {
    const order = newOrder({ email: 'not an email', contact_email: 'still@not@an.email' });
    order.customer.email = 'nobody@';
    const before = await rowCounts();
    const res = await post('orders/paid', JSON.stringify(order));
    expect(res.status).toBe(200);
    const stored = await storedPayload(`shopify-order-${order.id}`);
    expect(stored?.data.customer).toEqual({ externalId: `shopify-customer-${order.customer.id}` });
    expect((await rowCounts()).events).toBe(before.events + 1);
  });
});
