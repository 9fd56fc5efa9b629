import { beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { insertWorkspace } from '../../db/queries/workspaces';
import { AppError } from '../../lib/errors';
import { errorResponse } from '../../lib/http/respond';
import { saveSecret } from '../../lib/server/secrets';
import { signatureHeader } from '../../lib/server/signatures';
import { events, workspaces } from '../../db/schema';

// The three signed endpoints share one wrapper (lib/http/signed-route.ts): the same checks, in the
// same order, with the same statuses. Each row below is one endpoint with its own way of naming
// the workspace and of signing; every test runs against all three.

const db = testDatabase();
const eventsRoute = await import('../../app/api/v1/events/route');
const stripeRoute = await import('../../app/api/v1/integrations/stripe/[workspace]/route');
const shopifyRoute = await import('../../app/api/v1/integrations/shopify/[workspace]/route');

const SECRETS = { events: 'whsec_signed_route_events_01', stripe: 'whsec_signed_route_stripe_01', shopify: 'shpss_signed_route_shopify_01' };

interface Endpoint {
  name: string;
  kind: keyof typeof SECRETS;
  /** a body the endpoint accepts and acts on (or acknowledges) once signed */
  body: () => string;
  /** a body that becomes an order crediting the connected workspace's partner (coupon ANNA10); `mark` goes into a stored string */
  order: (mark?: string) => string;
  post: (workspace: string, body: string, secret: string | null) => Promise<Response>;
  /** the status for a workspace that has no secret of this kind */
  noSecretStatus: number;
}

const endpoints: Endpoint[] = [
  {
    name: 'POST /api/v1/events',
    kind: 'events',
    body: () => JSON.stringify({ id: uniq('ev'), type: 'order', occurredAt: new Date().toISOString(), data: { customer: { externalId: 'c' }, currency: 'USD', lines: [{ product: 'kit', amount: '10.00' }] } }),
    order: (mark = '') => JSON.stringify({ id: uniq('ev'), type: 'order', occurredAt: new Date().toISOString(), data: { customer: { externalId: uniq('c') + mark }, currency: 'USD', coupons: ['ANNA10'], lines: [{ product: 'kit', amount: '10.00' }] } }),
    post: (workspace, body, secret) => {
      const headers = new Headers({ 'content-type': 'application/json', 'x-workspace': workspace });
      if (secret) headers.set('x-signature', signatureHeader(secret, body));
      return eventsRoute.POST(new Request('http://app.test/api/v1/events', { method: 'POST', headers, body }));
    },
    noSecretStatus: 401,
  },
  {
    name: 'POST /api/v1/integrations/stripe/[workspace]',
    kind: 'stripe',
    body: () => JSON.stringify({ id: uniq('evt_'), object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_1', object: 'customer' } } }),
    order: (mark = '') => {
      const e = fixture('stripe/checkout.session.completed.json');
      Object.assign(e, { id: uniq('evt_'), created: Math.floor(Date.now() / 1000) });
      Object.assign(e.data.object, { id: uniq('cs_test_'), payment_intent: uniq('pi_'), customer: uniq('cus_') + mark });
      return JSON.stringify(e);
    },
    post: (workspace, body, secret) => {
      const headers = new Headers({ 'content-type': 'application/json' });
      if (secret) headers.set('stripe-signature', Stripe.webhooks.generateTestHeaderString({ payload: body, secret }));
      return stripeRoute.POST(new Request(`http://app.test/api/v1/integrations/stripe/${workspace}`, { method: 'POST', headers, body }), { params: Promise.resolve({ workspace }) });
    },
    noSecretStatus: 404,
  },
  {
    name: 'POST /api/v1/integrations/shopify/[workspace]',
    kind: 'shopify',
    body: () => JSON.stringify({ id: 1, title: 'a product update' }),
    order: (mark = '') => {
      const o = fixture('shopify/orders-paid.json');
      const id = 6_000_000_000_000 + Math.floor(Math.random() * 1e9);
      Object.assign(o, { id, admin_graphql_api_id: `gid://shopify/Order/${id}`, discount_codes: [{ code: 'ANNA10', amount: '1.00', type: 'fixed_amount' }] });
      if (mark) Object.assign(o.line_items[0], { product_id: null, title: `Trail shoe${mark}` });
      return JSON.stringify(o);
    },
    post: (workspace, body, secret) => {
      const topic = (JSON.parse(body) as { line_items?: unknown }).line_items ? 'orders/paid' : 'products/update';
      const headers = new Headers({ 'content-type': 'application/json', 'x-shopify-topic': topic });
      if (secret) headers.set('x-shopify-hmac-sha256', createHmac('sha256', secret).update(body, 'utf8').digest('base64'));
      return shopifyRoute.POST(new Request(`http://app.test/api/v1/integrations/shopify/${workspace}`, { method: 'POST', headers, body }), { params: Promise.resolve({ workspace }) });
    },
    noSecretStatus: 404,
  },
];
const secretOf = (e: Endpoint) => SECRETS[e.kind];
// payloads are edited freely, as senders vary them
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fixture(path: string): any {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
}

let connected: { id: string; slug: string };
let bare: { id: string; slug: string };

beforeAll(async () => {
  const { workspaceId } = await setUpScenario(db, {
    title: 'signed routes',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
    partners: [{ key: 'anna', email: `${uniq('anna')}@partners.test`, enrollments: [{ program: 'ref' }], coupons: [{ code: 'ANNA10' }] }],
    steps: [],
    expect: { entries: [] },
  });
  const [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  connected = { id: workspaceId, slug };
  bare = (await insertWorkspace(db, { slug: uniq('bare'), name: 'no secrets', baseCurrency: 'USD' }))!;
  for (const [kind, secret] of Object.entries(SECRETS)) await saveSecret(db, connected.id, kind as keyof typeof SECRETS, secret);
});

const errorCode = async (res: Response) => ((await res.json()) as { error?: { code: string } }).error?.code;

describe.each(endpoints)('$name through the signed-route wrapper', (endpoint) => {
  it('answers a correctly signed request with 200', async () => {
    const res = await endpoint.post(connected.slug, endpoint.body(), secretOf(endpoint));
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('refuses a body over 1 MB with 413 before looking for the workspace', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });
    const res = await endpoint.post('no-such-workspace', big, secretOf(endpoint));
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('payload_too_large');
  });

  it('answers 404 for an unknown workspace', async () => {
    const res = await endpoint.post(uniq('nope'), endpoint.body(), secretOf(endpoint));
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('not_found');
  });

  it('refuses a workspace without this secret (the events API 401, providers 404 naming the fix)', async () => {
    const res = await endpoint.post(bare.slug, endpoint.body(), secretOf(endpoint));
    expect(res.status).toBe(endpoint.noSecretStatus);
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const body = endpoint.body();
    const missing = await endpoint.post(connected.slug, body, null);
    const wrong = await endpoint.post(connected.slug, body, `${secretOf(endpoint)}-wrong`);
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(await errorCode(wrong)).toBe('unauthorized');
    const id = (JSON.parse(body) as { id: unknown }).id;
    expect(await db.select().from(events).where(and(eq(events.workspaceId, connected.id), eq(events.senderId, String(id))))).toEqual([]);
  });
});

describe.each(endpoints)('$name: replays and unstorable names', (endpoint) => {
  it('answers a replay with the very bytes of the first answer, marked Idempotent-Replayed', async () => {
    const body = endpoint.order();
    const first = await endpoint.post(connected.slug, body, secretOf(endpoint));
    const text = await first.text();
    expect(first.status, text).toBe(200);
    // entries make the difference: jsonb gives their keys back in another order than first written
    expect((JSON.parse(text) as { entries: unknown[] }).entries).toHaveLength(1);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await endpoint.post(connected.slug, body, secretOf(endpoint));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(text);
  });

  it('stores a string holding a NUL and a lone surrogate, cleaned, instead of failing with 500', async () => {
    const res = await endpoint.post(connected.slug, endpoint.order('\u0000\ud800'), secretOf(endpoint));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const { id } = JSON.parse(text) as { id: string };
    const [stored] = await db.select({ payload: events.payload }).from(events).where(and(eq(events.workspaceId, connected.id), eq(events.senderId, id)));
    const json = JSON.stringify(stored.payload);
    expect(json).toContain('\ufffd\ufffd');
    expect(json).not.toMatch(/\\u0000|\\ud800/);
  });

  it.runIf(endpoint.kind !== 'events')('answers 404, not 500, for a workspace path holding a NUL or a lone surrogate', async () => {
    for (const workspace of ['\u0000', `${connected.slug}\u0000`, '\ud800']) {
      const res = await endpoint.post(workspace, endpoint.body(), secretOf(endpoint));
      expect(res.status, JSON.stringify(workspace)).toBe(404);
    }
  });
});

describe('errorResponse', () => {
  it('gives every 429 a Retry-After, also one raised without a figure', async () => {
    const res = errorResponse(new AppError('rate_limited', 'slow down'), 'test');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
  });
});
