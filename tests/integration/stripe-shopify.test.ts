import { beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { storeClick } from '../helpers/clicks';
import { saveSecret } from '../../lib/server/secrets';
import { insertWorkspace } from '../../db/queries/workspaces';
import { events, ledgerEntries, workspaces } from '../../db/schema';

// Stripe's and Shopify's webhooks through the real route handlers, signed the way each provider
// signs: Stripe with its SDK's test header (the same HMAC scheme its servers use), Shopify with a
// base64 HMAC-SHA256 of the raw body. Payloads are fixtures in the providers' documented shapes.

const db = testDatabase();
const stripeRoute = await import('../../app/api/v1/integrations/stripe/[workspace]/route');
const shopifyRoute = await import('../../app/api/v1/integrations/shopify/[workspace]/route');

const STRIPE_SECRET = 'whsec_test_PLstripeEndpointSecret0001';
const SHOPIFY_SECRET = 'shpss_test_PLshopifyAppSecret0001';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (path: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));

let slug: string;
let workspaceId: string;
let unconnectedSlug: string;
let clickId: string;

beforeAll(async () => {
  const code = uniq('lnk');
  const ids = await setUpScenario(db, {
    title: 'stripe and shopify',
    workspace: { baseCurrency: 'USD' },
    programs: [{
      key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0,
      rewards: [{ type: 'one_time_share', percent: '10' }, { type: 'recurring_share', percent: '20', durationMonths: null }],
    }],
    partners: [{ key: 'anna', email: `${code}@partners.test`, enrollments: [{ program: 'ref' }], links: [{ code }], coupons: [{ code: 'ANNA10' }] }],
    steps: [],
    expect: { entries: [] },
  });
  workspaceId = ids.workspaceId;
  [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  await saveSecret(db, workspaceId, 'stripe', STRIPE_SECRET);
  await saveSecret(db, workspaceId, 'shopify', SHOPIFY_SECRET);
  clickId = `clk_${code}`;
  await storeClick(db, workspaceId, { id: clickId, linkCode: code, visitorId: `v-${code}`, at: new Date('2025-12-31T12:00:00Z') });
  unconnectedSlug = uniq('bare');
  await insertWorkspace(db, { slug: unconnectedSlug, name: 'not connected', baseCurrency: 'USD' });
});

const context = (workspace: string) => ({ params: Promise.resolve({ workspace }) });

function postStripe(payload: string, opts: { secret?: string; header?: string | null; workspace?: string } = {}) {
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
  const header = opts.header === undefined ? Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? STRIPE_SECRET }) : opts.header;
  if (header !== null) headers.set('stripe-signature', header);
  const workspace = opts.workspace ?? slug;
  return stripeRoute.POST(new Request(`http://app.test/api/v1/integrations/stripe/${workspace}`, { method: 'POST', headers, body: payload }), context(workspace));
}

function postShopify(topic: string, payload: string, opts: { secret?: string; hmac?: string; workspace?: string } = {}) {
  const hmac = opts.hmac ?? createHmac('sha256', opts.secret ?? SHOPIFY_SECRET).update(payload, 'utf8').digest('base64');
  const headers = new Headers({
    'content-type': 'application/json', 'x-shopify-topic': topic, 'x-shopify-hmac-sha256': hmac,
    'x-shopify-shop-domain': 'shop-example.myshopify.com', 'x-shopify-webhook-id': crypto.randomUUID(), 'x-shopify-api-version': '2026-01',
  });
  const workspace = opts.workspace ?? slug;
  return shopifyRoute.POST(new Request(`http://app.test/api/v1/integrations/shopify/${workspace}`, { method: 'POST', headers, body: payload }), context(workspace));
}

const entriesOf = (orderRef: string) =>
  db.select({ kind: ledgerEntries.kind, amount: ledgerEntries.amount, rule: ledgerEntries.rule }).from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.orderRef, orderRef)));
const storedEvent = (senderId: string) => db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, senderId)));
const sumOf = (rows: { amount: string }[]) => rows.reduce((s, r) => s + Math.round(Number(r.amount) * 100), 0) / 100;

describe('POST /api/v1/integrations/stripe/<workspace>', () => {
  const checkout = JSON.stringify(fixture('stripe/checkout.session.completed.json'), null, 2);
  const orderId = 'pi_3PLtestCheckoutPaid01';

  it('turns a signed checkout.session.completed into an order that credits the coupon partner', async () => {
    const res = await postStripe(checkout);
    expect(res.status).toBe(200);
    // 120.00 of goods − 12.00 discount = 108.00 before tax; 10% of it
    expect(await res.json()).toMatchObject({ id: orderId, type: 'order', status: 'processed', entries: [{ kind: 'commission', amount: '10.80', unit: 'USD' }] });
    const [stored] = await storedEvent(orderId);
    expect(stored).toMatchObject({ source: 'stripe', status: 'processed' });
    expect(stored!.payload).toMatchObject({ data: { coupons: ['ANNA10'], lines: [{ amount: '108.00' }] }, stripe: { id: 'cs_test_a1PLtestCheckoutPaid01' } });
  });

  it('answers a replay with the first result and writes nothing more', async () => {
    const before = await entriesOf(orderId);
    const first = await (await postStripe(checkout)).text();
    const res = await postStripe(checkout);
    expect(res.status).toBe(200);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(await res.text()).toBe(first);
    expect(await entriesOf(orderId)).toHaveLength(before.length);
  });

  it('refuses a wrong, tampered or missing signature with 401 and stores nothing', async () => {
    const other = fixture('stripe/checkout.session.completed.json');
    other.data.object.payment_intent = 'pi_3PLtestForged';
    const body = JSON.stringify(other);
    const wrong = await postStripe(body, { secret: 'whsec_someone_else' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const signedOriginal = Stripe.webhooks.generateTestHeaderString({ payload: checkout, secret: STRIPE_SECRET });
    expect((await postStripe(body, { header: signedOriginal })).status).toBe(401);
    expect((await postStripe(body, { header: null })).status).toBe(401);
    const stale = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await postStripe(body, { header: stale })).status).toBe(401);
    expect(await storedEvent('pi_3PLtestForged')).toHaveLength(0);
  });

  it('reverses what each charge.refunded adds to the cumulative refunded amount', async () => {
    const half = JSON.stringify(fixture('stripe/charge.refunded.json'));
    const res = await postStripe(half);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: 'ch_3PLtestCheckoutPaid01-refunded-5832', type: 'refund', entries: [{ kind: 'reversal', amount: '-5.40' }] });
    // Stripe retrying the same webhook: the first answer
    const again = await postStripe(half);
    expect(await again.json()).toEqual(body);

    const full = fixture('stripe/charge.refunded.json');
    Object.assign(full, { id: 'evt_3PLtestChargeRefunded02', created: full.created + 3600 });
    Object.assign(full.data.object, { amount_refunded: 11664, refunded: true });
    full.data.previous_attributes = { amount_refunded: 5832, refunded: false };
    const rest = await postStripe(JSON.stringify(full));
    expect(await rest.json()).toMatchObject({ entries: [{ kind: 'reversal', amount: '-5.40' }] });
    expect(sumOf(await entriesOf(orderId))).toBe(0);

    // an older state delivered late adds nothing
    const late = fixture('stripe/charge.refunded.json');
    Object.assign(late.data.object, { amount_refunded: 3000 });
    const ignored = await postStripe(JSON.stringify(late));
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toMatchObject({ ignored: true });
    expect(sumOf(await entriesOf(orderId))).toBe(0);
  });

  it('counts each refunded cent once when two refund webhooks of one charge arrive together', async () => {
    const session = fixture('stripe/checkout.session.completed.json');
    Object.assign(session.data.object, { id: 'cs_test_PLtestTwoRefunds', payment_intent: 'pi_3PLtestTwoRefunds' });
    expect((await postStripe(JSON.stringify(session))).status).toBe(200);
    const refunded = (cumulative: number, n: number) => {
      const e = fixture('stripe/charge.refunded.json');
      e.id = `evt_3PLtestTwoRefunds${n}`;
      Object.assign(e.data.object, { id: 'ch_3PLtestTwoRefunds', payment_intent: 'pi_3PLtestTwoRefunds', amount_refunded: cumulative });
      return JSON.stringify(e);
    };
    const answers = await Promise.all([postStripe(refunded(2916, 1)), postStripe(refunded(8748, 2))]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    // 75% of the charge refunded in the end, whichever webhook went first: 75% of 10.80 reversed
    expect(sumOf(await entriesOf('pi_3PLtestTwoRefunds'))).toBe(2.7);
  });

  it('holds a refund whose order has not arrived (200, nothing written) and applies it when the order comes', async () => {
    const orphan = fixture('stripe/charge.refunded.json');
    Object.assign(orphan.data.object, { id: 'ch_3PLtestOrphan', payment_intent: 'pi_3PLtestOrphan' });
    const res = await postStripe(JSON.stringify(orphan));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ held: true, id: 'ch_3PLtestOrphan-refunded-5832' });
    expect(await storedEvent('ch_3PLtestOrphan-refunded-5832')).toHaveLength(0);

    const session = fixture('stripe/checkout.session.completed.json');
    Object.assign(session.data.object, { id: 'cs_test_PLtestOrphan', payment_intent: 'pi_3PLtestOrphan' });
    expect((await postStripe(JSON.stringify(session))).status).toBe(200);
    // half of the charge refunded: half of the 10.80 commission reversed
    expect(sumOf(await entriesOf('pi_3PLtestOrphan'))).toBe(5.4);
    expect(await storedEvent('ch_3PLtestOrphan-refunded-5832')).toMatchObject([{ status: 'processed', orderRef: 'pi_3PLtestOrphan' }]);
  });

  it('names a subscription order after its first invoice, so invoice.paid for it is the same order', async () => {
    const session = fixture('stripe/checkout.session.completed.subscription.json');
    session.data.object.client_reference_id = clickId;
    const res = await postStripe(JSON.stringify(session));
    expect(res.status).toBe(200);
    const first = await res.json();
    // 20% recurring share of 49.00, credited through the partner's click
    expect(first).toMatchObject({ id: 'in_1PLtestSubFirst02', entries: [{ kind: 'commission', rule: 'recurring_share', amount: '9.80' }] });

    const paid = await postStripe(JSON.stringify(fixture('stripe/invoice.paid.json')));
    expect(paid.status).toBe(200);
    expect(paid.headers.get('idempotent-replayed')).toBe('true');
    expect(await paid.json()).toEqual(first);
  });

  it('turns a renewal invoice.paid into a recurring order credited through the customer binding', async () => {
    const renewal = fixture('stripe/invoice.paid.json');
    renewal.id = 'evt_1PLtestInvoicePaid03';
    renewal.created += 31 * 86_400;
    Object.assign(renewal.data.object, { id: 'in_1PLtestRenewal03', billing_reason: 'subscription_cycle' });
    const res = await postStripe(JSON.stringify(renewal));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'in_1PLtestRenewal03', entries: [{ rule: 'recurring_share', amount: '9.80' }] });
  });

  it('acknowledges events that do not concern rewards without storing them', async () => {
    const other = { id: 'evt_1PLtestCustomer', object: 'event', api_version: '2026-10-28.endive', created: 1767261600, type: 'customer.created', data: { object: { id: 'cus_PLtestNew', object: 'customer' } }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null } };
    const res = await postStripe(JSON.stringify(other));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ignored: true });
  });

  it('answers 422 when the order currency has no FX rate, and writes nothing', async () => {
    const eur = fixture('stripe/checkout.session.completed.json');
    Object.assign(eur.data.object, { id: 'cs_test_PLtestEuro', payment_intent: 'pi_3PLtestEuro', currency: 'eur' });
    const res = await postStripe(JSON.stringify(eur));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'fx_rate_missing' } });
    expect(await storedEvent('pi_3PLtestEuro')).toHaveLength(0);
  });

  it('answers 404 for an unknown workspace and for one without a Stripe secret', async () => {
    const unknown = await postStripe(checkout, { workspace: 'no-such-workspace' });
    expect(unknown.status).toBe(404);
    const bare = await postStripe(checkout, { workspace: unconnectedSlug });
    expect(bare.status).toBe(404);
    expect((await bare.json()).error.message).toMatch(/Stripe is not connected.*Settings → Integrations/);
  });
});

describe('POST /api/v1/integrations/shopify/<workspace>', () => {
  const order = JSON.stringify(fixture('shopify/orders-paid.json'));
  const orderId = 'shopify-order-5734839210051';

  it('turns a signed orders/paid into an order whose discount code credits the coupon partner', async () => {
    const res = await postShopify('orders/paid', order);
    expect(res.status).toBe(200);
    // (120.00 − 12.00) + (2 × 15.00 − 3.00) = 135.00 before tax and shipping; 10% of it
    expect(await res.json()).toMatchObject({ id: orderId, type: 'order', entries: [{ kind: 'commission', amount: '13.50' }] });
    const [stored] = await storedEvent(orderId);
    expect(stored).toMatchObject({ source: 'shopify' });
    expect(stored!.payload).toMatchObject({ data: { customer: { externalId: 'shopify-customer-7389410050115', email: 'frank@customer.test' }, coupons: ['anna10'] } });
  });

  it('answers a replay with the first result', async () => {
    const first = await (await postShopify('orders/paid', order)).text();
    const res = await postShopify('orders/paid', order);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(first);
    expect(await entriesOf(orderId)).toHaveLength(1);
  });

  it('refuses a wrong or missing HMAC with 401 and stores nothing', async () => {
    const forged = fixture('shopify/orders-paid.json');
    Object.assign(forged, { id: 5734839219999, admin_graphql_api_id: 'gid://shopify/Order/5734839219999' });
    const body = JSON.stringify(forged);
    expect((await postShopify('orders/paid', body, { secret: 'not-the-app-secret' })).status).toBe(401);
    expect((await postShopify('orders/paid', body, { hmac: createHmac('sha256', SHOPIFY_SECRET).update(order).digest('base64') })).status).toBe(401);
    expect((await postShopify('orders/paid', body, { hmac: '' })).status).toBe(401);
    expect(await storedEvent('shopify-order-5734839219999')).toHaveLength(0);
  });

  it('turns refunds/create into a reversal of the refunded lines', async () => {
    const res = await postShopify('refunds/create', JSON.stringify(fixture('shopify/refunds-create.json')));
    expect(res.status).toBe(200);
    // 27.00 of 135.00 refunded: a fifth of 13.50
    expect(await res.json()).toMatchObject({ id: 'shopify-refund-1025300054083', type: 'refund', entries: [{ kind: 'reversal', amount: '-2.70' }] });
    expect(sumOf(await entriesOf(orderId))).toBe(10.8);
  });

  it('refuses a refund of an unknown order with 400 naming the field', async () => {
    const orphan = fixture('shopify/refunds-create.json');
    Object.assign(orphan, { id: 1025300059999, admin_graphql_api_id: 'gid://shopify/Refund/1025300059999', order_id: 1 });
    const res = await postShopify('refunds/create', JSON.stringify(orphan));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: { 'data.orderId': expect.any(String) } } });
  });

  it('acknowledges other topics without storing them', async () => {
    const res = await postShopify('customers/create', JSON.stringify({ id: 1, email: 'x@customer.test' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ignored: true });
  });

  it('answers 404 for a workspace without a Shopify secret', async () => {
    const res = await postShopify('orders/paid', order, { workspace: unconnectedSlug });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/Shopify is not connected/);
  });
});
