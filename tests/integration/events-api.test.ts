import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { storeClick } from '../helpers/clicks';
import { saveSecret } from '../../lib/server/secrets';
import { signatureHeader } from '../../lib/server/signatures';
import { events, ledgerEntries, workspaces } from '../../db/schema';

const db = testDatabase();
const { POST } = await import('../../app/api/v1/events/route');

let slug: string;
let workspaceId: string;
let visitor: string;
const SECRET = 'whsec_test_secret_for_events';

beforeAll(async () => {
  const code = uniq('api');
  const ids = await setUpScenario(db, {
    title: 'events api',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
    partners: [{ key: 'p', email: `${code}@p.test`, enrollments: [{ program: 'ref' }], links: [{ code }] }],
    steps: [],
    expect: { entries: [] },
  });
  workspaceId = ids.workspaceId;
  [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  await saveSecret(db, workspaceId, 'events', SECRET);
  visitor = `v-${code}`;
  await storeClick(db, workspaceId, { linkCode: code, visitorId: visitor, at: new Date(Date.now() - 86_400_000) });
});

const orderBody = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id, type: 'order', occurredAt: new Date().toISOString(),
    data: { customer: { externalId: `c-${id}` }, currency: 'USD', visitorId: visitor, lines: [{ product: 'kit', amount: '120.00' }], ...extra },
  });

function post(body: string, headers: Record<string, string | null> = {}) {
  const h = new Headers({ 'content-type': 'application/json', 'x-workspace': slug, 'x-signature': signatureHeader(SECRET, body) });
  for (const [k, v] of Object.entries(headers)) {
    if (v === null) h.delete(k);
    else h.set(k, v);
  }
  return POST(new Request('http://app.test/api/v1/events', { method: 'POST', headers: h, body }));
}

describe('POST /api/v1/events', () => {
  it('accepts a signed order and answers with the rewards it produced', async () => {
    const res = await post(orderBody(uniq('o')));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ type: 'order', status: 'processed', entries: [{ amount: '12.00', unit: 'USD', kind: 'commission' }] });
  });

  it('gives ten concurrent copies of one event one result and identical responses', async () => {
    const body = orderBody(uniq('dup'));
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(texts).size, [...new Set(texts)].join('\n')).toBe(1);
    const id = JSON.parse(body).id;
    const rows = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.orderRef, id)));
    expect(rows).toHaveLength(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
  });

  it('refuses bad, missing and stale signatures with 401 and stores nothing', async () => {
    const id = uniq('bad');
    const body = orderBody(id);
    expect((await post(body, { 'x-signature': 't=1,v1=00' })).status).toBe(401);
    expect((await post(body, { 'x-signature': null })).status).toBe(401);
    expect((await post(body, { 'x-signature': signatureHeader('whsec_other', body) })).status).toBe(401);
    expect((await post(body, { 'x-signature': signatureHeader(SECRET, body, new Date(Date.now() - 6 * 60_000)) })).status).toBe(401);
    // a signature over other bytes does not cover this body
    expect((await post(body, { 'x-signature': signatureHeader(SECRET, body.replace('120.00', '999.00')) })).status).toBe(401);
    expect(await db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, id)))).toHaveLength(0);
  });

  it('names the bad field with 400, never a 500', async () => {
    const wrongAmount = orderBody(uniq('f'), { lines: [{ product: 'kit', amount: 120 }] });
    const res = await post(wrongAmount);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_input', fields: { 'data.lines.0.amount': expect.any(String) } });
    const notJson = await post('{"id": ');
    expect(notJson.status).toBe(400);
    const noType = await post(JSON.stringify({ id: 'x', occurredAt: new Date().toISOString(), data: {} }));
    expect(noType.status).toBe(400);
    expect((await post(orderBody(uniq('w')), { 'x-workspace': null })).status).toBe(400);
  });

  it('answers 404 for an unknown workspace and 413 for a body over 1 MB', async () => {
    expect((await post(orderBody(uniq('u')), { 'x-workspace': 'no-such-workspace' })).status).toBe(404);
    const big = orderBody(uniq('big'), { lines: Array.from({ length: 400 }, (_, i) => ({ product: `p${i}-${'x'.repeat(3000)}`, amount: '1.00' })) });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expect((await post(big)).status).toBe(413);
  });

  it('answers 422 fx_rate_missing for a currency without a rate, leaving nothing behind', async () => {
    const id = uniq('fx');
    const res = await post(JSON.stringify({ id, type: 'order', occurredAt: new Date().toISOString(), data: { customer: { externalId: 'c-fx' }, currency: 'EUR', lines: [{ product: 'kit', amount: '10.00' }] } }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('fx_rate_missing');
    expect(await db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, id)))).toHaveLength(0);
  });

  it('refunds name their order; an unknown order is a 400 naming data.orderId', async () => {
    const orderId = uniq('o');
    await post(orderBody(orderId));
    const refund = JSON.stringify({ id: uniq('r'), type: 'refund', occurredAt: new Date().toISOString(), data: { orderId, amount: '60.00' } });
    const res = await post(refund);
    expect(res.status).toBe(200);
    expect((await res.json()).entries).toMatchObject([{ kind: 'reversal', amount: '-6.00' }]);
    const bad = await post(JSON.stringify({ id: uniq('r'), type: 'refund', occurredAt: new Date().toISOString(), data: { orderId: 'nope' } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty(['data.orderId']);
  });
});
