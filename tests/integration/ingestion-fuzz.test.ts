import { beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Stripe from 'stripe';
import { count, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { saveSecret } from '../../lib/server/secrets';
import { signatureHeader } from '../../lib/server/signatures';
import { clicks, customers, events, ledgerEntries, workspaces } from '../../db/schema';

// Hostile input against the three signed endpoints, through their real route handlers: correctly
// signed bodies that are broken in every way a sender (or an attacker holding a leaked secret) can
// break them — bad JSON, wrong types, NULs and lone surrogates, huge, negative and non-numeric
// amounts, huge strings and ids, missing fields, deep nesting — and bodies that are not signed or
// signed badly. Whatever arrives: never a 500, and a refused request writes nothing.

const db = testDatabase();
const eventsRoute = await import('../../app/api/v1/events/route');
const stripeRoute = await import('../../app/api/v1/integrations/stripe/[workspace]/route');
const shopifyRoute = await import('../../app/api/v1/integrations/shopify/[workspace]/route');

const SECRETS = { events: 'whsec_fuzz_events_secret_01', stripe: 'whsec_fuzz_stripe_secret_01', shopify: 'shpss_fuzz_shopify_secret_01' };
const RUNS = { events: 200, stripe: 150, shopify: 150, unsigned: 120 };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (path: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));

let slug: string;
let workspaceId: string;
let linkCode: string;

beforeAll(async () => {
  linkCode = uniq('fuzz');
  const ids = await setUpScenario(db, {
    title: 'ingestion fuzz',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }, { type: 'per_customer', amount: '5' }] }],
    partners: [{ key: 'anna', email: `${linkCode}@partners.test`, enrollments: [{ program: 'ref' }], links: [{ code: linkCode }], coupons: [{ code: 'ANNA10' }] }],
    steps: [],
    expect: { entries: [] },
  });
  workspaceId = ids.workspaceId;
  [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  for (const [kind, secret] of Object.entries(SECRETS)) await saveSecret(db, workspaceId, kind as keyof typeof SECRETS, secret);
});

// --- posting ----------------------------------------------------------------------------------------

type Signing = 'valid' | 'missing' | 'wrong-secret' | 'other-body' | 'stale' | 'garbage';

function postEvents(body: string, signing: Signing = 'valid', garbage = '') {
  const headers = new Headers({ 'content-type': 'application/json', 'x-workspace': slug });
  const s = SECRETS.events;
  const sig = {
    valid: () => signatureHeader(s, body),
    missing: () => null,
    'wrong-secret': () => signatureHeader(`${s}-not`, body),
    'other-body': () => signatureHeader(s, `${body} `),
    stale: () => signatureHeader(s, body, new Date(Date.now() - 10 * 60_000)),
    garbage: () => garbage,
  }[signing]();
  if (sig !== null) headers.set('x-signature', sig);
  return eventsRoute.POST(new Request('http://app.test/api/v1/events', { method: 'POST', headers, body }));
}

function postStripe(body: string, signing: Signing = 'valid', garbage = '') {
  const headers = new Headers({ 'content-type': 'application/json' });
  const s = SECRETS.stripe;
  const sig = {
    valid: () => Stripe.webhooks.generateTestHeaderString({ payload: body, secret: s }),
    missing: () => null,
    'wrong-secret': () => Stripe.webhooks.generateTestHeaderString({ payload: body, secret: `${s}_not` }),
    'other-body': () => Stripe.webhooks.generateTestHeaderString({ payload: `${body} `, secret: s }),
    stale: () => Stripe.webhooks.generateTestHeaderString({ payload: body, secret: s, timestamp: Math.floor(Date.now() / 1000) - 3600 }),
    garbage: () => garbage,
  }[signing]();
  if (sig !== null) headers.set('stripe-signature', sig);
  return stripeRoute.POST(new Request(`http://app.test/api/v1/integrations/stripe/${slug}`, { method: 'POST', headers, body }), { params: Promise.resolve({ workspace: slug }) });
}

function postShopify(topic: string, body: string, signing: Signing = 'valid', garbage = '') {
  const headers = new Headers({ 'content-type': 'application/json', 'x-shopify-topic': topic });
  const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('base64');
  const s = SECRETS.shopify;
  const sig = {
    valid: () => hmac(s, body),
    missing: () => null,
    'wrong-secret': () => hmac(`${s}-not`, body),
    'other-body': () => hmac(s, `${body} `),
    stale: () => `${hmac(s, body)}==`, // Shopify has no timestamp: a padded value instead
    garbage: () => garbage,
  }[signing]();
  if (sig !== null) headers.set('x-shopify-hmac-sha256', sig);
  return shopifyRoute.POST(new Request(`http://app.test/api/v1/integrations/shopify/${slug}`, { method: 'POST', headers, body }), { params: Promise.resolve({ workspace: slug }) });
}

// --- what is written ---------------------------------------------------------------------------------

async function rowCounts() {
  const [[e], [l], [c], [k]] = await Promise.all([
    db.select({ n: count() }).from(events).where(eq(events.workspaceId, workspaceId)),
    db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId)),
    db.select({ n: count() }).from(customers).where(eq(customers.workspaceId, workspaceId)),
    db.select({ n: count() }).from(clicks).where(eq(clicks.workspaceId, workspaceId)),
  ]);
  return { events: e.n, entries: l.n, customers: c.n, clicks: k.n };
}

/** Sends one input; checks the two promises and returns the status (for the statistics). */
async function expectHandled(send: () => Promise<Response>, describeInput: () => string): Promise<number> {
  const before = await rowCounts();
  const res = await send();
  const text = await res.text();
  if (res.status >= 500) throw new Error(`${res.status} ${text}\nfor ${describeInput()}`);
  if (res.status !== 200) {
    const after = await rowCounts();
    if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`refused with ${res.status} but wrote ${JSON.stringify(before)} → ${JSON.stringify(after)}\nfor ${describeInput()}`);
  }
  return res.status;
}

const show = (body: string) => (body.length > 600 ? `${body.slice(0, 600)}… (${body.length} chars)` : body);

// --- hostile values ----------------------------------------------------------------------------------

const DELETE = Symbol('delete');

/** Any single UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const nastyString = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d', `a\u0000b`, 'x\udc00y', '%00', '\\u0000', '😀', '', ' ', '\u202e', 'null', 'ANNA10\u0000', '../../etc', "'; drop table events; --"),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: codeUnit, maxLength: 30 }),
  fc.integer({ min: 201, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
const hostileAmount = fc.oneof(
  fc.constantFrom('1e100', '1E3', 'NaN', 'Infinity', '-Infinity', '-1', '-0', '-0.01', '0x10', '1.', '.5', ' 1 ', '1,00', '١٢', '+5', '1_000', '', '0'),
  fc.integer({ min: 19, max: 2000 }).map((n) => '9'.repeat(n)),
  fc.integer({ min: 7, max: 60 }).map((n) => `1.${'3'.repeat(n)}`),
  fc.constant('7'.repeat(131_000)),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.double(),
  fc.integer(),
);
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(1e308),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const hostileValue = fc.oneof(nastyString, hostileAmount, wrongType, fc.constant(DELETE));

/** A body that is not a usable JSON document at all. */
const brokenBody = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: codeUnit, maxLength: 50 }),
  fc.constantFrom('', 'null', 'true', '[]', '{}', '"order"', '1e999', '{"id": ', '{"a":1,"a":2}', '\u0000', '{"__proto__": {"admin": true}}'),
  fc.integer({ min: 1, max: 200_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

/** Sets (or deletes) the value at a dotted path, creating nothing that is not there. */
function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Json = target;
  for (const key of keys.slice(0, -1)) {
    if (node == null || typeof node !== 'object') return;
    node = node[key];
  }
  if (node == null || typeof node !== 'object') return;
  const last = keys[keys.length - 1];
  if (value === DELETE) delete node[last];
  else node[last] = value;
}

/** A valid template broken at 1..4 of the given paths, or (sometimes) left intact. */
function mutated(template: () => Json, paths: readonly string[]) {
  return fc
    .tuple(fc.array(fc.tuple(fc.constantFrom(...paths), hostileValue), { minLength: 0, maxLength: 4 }), fc.integer())
    .map(([changes]) => {
      const doc = template();
      for (const [path, value] of changes) setPath(doc, path, value);
      return doc;
    });
}

// --- templates ----------------------------------------------------------------------------------------

const eventTemplates: Array<() => Json> = [
  () => ({
    id: uniq('o'), type: 'order', occurredAt: new Date().toISOString(),
    data: {
      customer: { externalId: uniq('c'), email: 'shopper@example.test' }, currency: 'USD', visitorId: uniq('v'), clickId: uniq('clk_'), partnerCode: linkCode,
      coupons: ['ANNA10'], lines: [{ product: 'kit', plan: 'pro', category: 'tools', amount: '120.00', recurring: false }],
    },
  }),
  () => ({ id: uniq('r'), type: 'refund', occurredAt: new Date().toISOString(), data: { orderId: uniq('o'), amount: '10.00' } }),
  () => ({ id: uniq('m'), type: 'milestone', occurredAt: new Date().toISOString(), data: { customer: { externalId: uniq('c') }, name: 'go-live' } }),
];
const EVENT_PATHS = [
  '', 'id', 'type', 'occurredAt', 'data', 'data.customer', 'data.customer.externalId', 'data.customer.email', 'data.currency',
  'data.lines', 'data.lines.0', 'data.lines.0.product', 'data.lines.0.plan', 'data.lines.0.category', 'data.lines.0.amount', 'data.lines.0.recurring',
  'data.visitorId', 'data.clickId', 'data.partnerCode', 'data.coupons', 'data.coupons.0', 'data.orderId', 'data.amount', 'data.name',
] as const;

const stripeTemplate = (): Json => {
  const e = fixture('stripe/checkout.session.completed.json');
  Object.assign(e, { id: uniq('evt_'), created: Math.floor(Date.now() / 1000) });
  Object.assign(e.data.object, { id: uniq('cs_test_'), payment_intent: uniq('pi_'), customer: uniq('cus_'), metadata: { ref: linkCode } });
  return e;
};
const STRIPE_PATHS = [
  'id', 'object', 'type', 'created', 'api_version', 'data', 'data.object', 'data.object.id', 'data.object.object', 'data.object.mode',
  'data.object.payment_status', 'data.object.currency', 'data.object.amount_subtotal', 'data.object.amount_total', 'data.object.total_details',
  'data.object.customer', 'data.object.customer_email', 'data.object.customer_details', 'data.object.client_reference_id', 'data.object.metadata',
  'data.object.metadata.ref', 'data.object.metadata.ref_click', 'data.object.payment_intent', 'data.object.invoice', 'data.object.discounts',
  'data.object.discounts.0', 'data.object.discounts.0.coupon', 'data.object.discounts.0.promotion_code', 'data.object.line_items',
] as const;
const STRIPE_TYPES = ['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'invoice.paid', 'charge.refunded', 'customer.created'] as const;

const shopifyOrderTemplate = (): Json => {
  const o = fixture('shopify/orders-paid.json');
  const id = 7_000_000_000_000 + Math.floor(Math.random() * 1e9);
  Object.assign(o, { id, admin_graphql_api_id: `gid://shopify/Order/${id}`, note_attributes: [{ name: '_ref_click', value: uniq('clk_') }, { name: 'ref', value: linkCode }] });
  return o;
};
const shopifyRefundTemplate = (): Json => {
  const r = fixture('shopify/refunds-create.json');
  const id = 8_000_000_000_000 + Math.floor(Math.random() * 1e9);
  Object.assign(r, { id, admin_graphql_api_id: `gid://shopify/Refund/${id}` });
  return r;
};
const SHOPIFY_PATHS = [
  'id', 'admin_graphql_api_id', 'created_at', 'processed_at', 'currency', 'email', 'contact_email', 'customer', 'customer.id', 'customer.email',
  'customer.admin_graphql_api_id', 'line_items', 'line_items.0', 'line_items.0.price', 'line_items.0.quantity', 'line_items.0.title',
  'line_items.0.product_id', 'line_items.0.variant_id', 'line_items.0.total_discount', 'line_items.0.discount_allocations',
  'line_items.0.discount_allocations.0.amount', 'discount_codes', 'discount_codes.0', 'discount_codes.0.code', 'note_attributes',
  'note_attributes.0.name', 'note_attributes.0.value', 'landing_site', 'order_id', 'refund_line_items', 'refund_line_items.0.subtotal',
  'refund_line_items.0.subtotal_set.shop_money.amount', 'transactions', 'transactions.0.amount', 'transactions.0.kind', 'order_adjustments',
] as const;
const SHOPIFY_TOPICS = ['orders/paid', 'refunds/create', 'orders/create', ''] as const;

/** Raw-text edits a JSON.stringify of a JS value cannot produce: integers beyond 2^53, exponents. */
const rawNumberEdit = fc.oneof(
  fc.constant((s: string) => s),
  fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map((n) => (s: string) => s.replace(/"(id|order_id|product_id|quantity)":\d+/, `"$1":${n}`)),
  fc.constantFrom('1e400', '-1e400', '1e-400', '-0', '123456789012345678901234567890.5').map((x) => (s: string) => s.replace(/"(price|subtotal|amount_subtotal|created)":("[^"]*"|[\d.]+)/, `"$1":${x}`)),
);

// --- the properties ---------------------------------------------------------------------------------

const statuses = new Map<string, Map<number, number>>();
const tally = (endpoint: string, status: number) => {
  const m = statuses.get(endpoint) ?? new Map<number, number>();
  m.set(status, (m.get(status) ?? 0) + 1);
  statuses.set(endpoint, m);
};

describe('correctly signed hostile input: never a 500, nothing written when refused', () => {
  it('POST /api/v1/events', async () => {
    const body = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: eventTemplates.length - 1 }).chain((i) => mutated(eventTemplates[i], EVENT_PATHS)).map((doc) => JSON.stringify(doc)) },
      { weight: 1, arbitrary: brokenBody },
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        tally('events', await expectHandled(() => postEvents(text), () => show(text)));
      }),
      { numRuns: RUNS.events },
    );
    // the fuzzer reached both sides: accepted and refused input
    expect(statuses.get('events')?.get(200)).toBeGreaterThan(0);
    expect(statuses.get('events')?.get(400)).toBeGreaterThan(0);
  });

  it('POST /api/v1/integrations/stripe/[workspace]', async () => {
    const event = fc.tuple(mutated(stripeTemplate, STRIPE_PATHS), fc.constantFrom(...STRIPE_TYPES), fc.boolean(), rawNumberEdit).map(([doc, type, retype, edit]) => {
      if (retype && doc && typeof doc === 'object') doc.type = type;
      return edit(JSON.stringify(doc));
    });
    const body = fc.oneof({ weight: 4, arbitrary: event }, { weight: 1, arbitrary: brokenBody });
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        tally('stripe', await expectHandled(() => postStripe(text), () => show(text)));
      }),
      { numRuns: RUNS.stripe },
    );
    expect(statuses.get('stripe')?.get(200)).toBeGreaterThan(0);
  });

  it('POST /api/v1/integrations/shopify/[workspace]', async () => {
    const payload = fc.oneof(mutated(shopifyOrderTemplate, SHOPIFY_PATHS), mutated(shopifyRefundTemplate, SHOPIFY_PATHS));
    const input = fc.tuple(payload, fc.constantFrom(...SHOPIFY_TOPICS), rawNumberEdit).map(([doc, topic, edit]) => ({
      topic: topic || ('line_items' in doc ? 'orders/paid' : 'refunds/create'),
      text: edit(JSON.stringify(doc)),
    }));
    const body = fc.oneof({ weight: 4, arbitrary: input }, { weight: 1, arbitrary: brokenBody.map((text) => ({ topic: 'orders/paid', text })) });
    await fc.assert(
      fc.asyncProperty(body, async ({ topic, text }) => {
        tally('shopify', await expectHandled(() => postShopify(topic, text), () => `${topic}: ${show(text)}`));
      }),
      { numRuns: RUNS.shopify },
    );
    expect(statuses.get('shopify')?.get(200)).toBeGreaterThan(0);
    expect(statuses.get('shopify')?.get(400)).toBeGreaterThan(0);
  });
});

describe('unsigned and badly signed input: refused with 401, nothing written', () => {
  it('all three endpoints', async () => {
    const signing = fc.constantFrom<Signing>('missing', 'wrong-secret', 'other-body', 'stale', 'garbage');
    const garbage = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('t=,v1=', 't=1', 'v1=00', 't=9999999999,v1=' + 'a'.repeat(64), 'sha256=abc', 'x'.repeat(4000)),
    ).filter((g) => /^[\x20-\x7e]*$/.test(g)); // what an HTTP header can carry
    const body = fc.oneof(
      fc.constant(null).map(() => JSON.stringify(eventTemplates[0]())),
      fc.constant(null).map(() => JSON.stringify(stripeTemplate())),
      fc.constant(null).map(() => JSON.stringify(shopifyOrderTemplate())),
      brokenBody,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('events', 'stripe', 'shopify'), body, signing, garbage, async (endpoint, text, how, junk) => {
        const send = () => (endpoint === 'events' ? postEvents(text, how, junk) : endpoint === 'stripe' ? postStripe(text, how, junk) : postShopify('orders/paid', text, how, junk));
        const status = await expectHandled(send, () => `${endpoint} ${how} ${JSON.stringify(junk)}: ${show(text)}`);
        tally(`unsigned ${endpoint}`, status);
        if (status !== 401) throw new Error(`${endpoint} answered ${status} to a ${how} signature`);
      }),
      { numRuns: RUNS.unsigned },
    );
  });
});
