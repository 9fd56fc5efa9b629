import { beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { insertWorkspace } from '../../db/queries/workspaces';
import { saveSecret } from '../../lib/server/secrets';
import { signatureHeader } from '../../lib/server/signatures';
import { events } from '../../db/schema';

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
  post: (workspace: string, body: string, secret: string | null) => Promise<Response>;
  /** the status for a workspace that has no secret of this kind */
  noSecretStatus: number;
}

const endpoints: Endpoint[] = [
  {
    name: 'POST /api/v1/events',
    kind: 'events',
    body: () => JSON.stringify({ id: uniq('ev'), type: 'order', occurredAt: new Date().toISOString(), data: { customer: { externalId: 'c' }, currency: 'USD', lines: [{ product: 'kit', amount: '10.00' }] } }),
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
    post: (workspace, body, secret) => {
      const headers = new Headers({ 'content-type': 'application/json', 'x-shopify-topic': 'products/update' });
      if (secret) headers.set('x-shopify-hmac-sha256', createHmac('sha256', secret).update(body, 'utf8').digest('base64'));
      return shopifyRoute.POST(new Request(`http://app.test/api/v1/integrations/shopify/${workspace}`, { method: 'POST', headers, body }), { params: Promise.resolve({ workspace }) });
    },
    noSecretStatus: 404,
  },
];
const secretOf = (e: Endpoint) => SECRETS[e.kind];

let connected: { id: string; slug: string };
let bare: { id: string; slug: string };

beforeAll(async () => {
  connected = (await insertWorkspace(db, { slug: uniq('signed'), name: 'connected', baseCurrency: 'USD' }))!;
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
