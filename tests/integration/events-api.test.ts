import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { storeClick } from '../helpers/clicks';
import { saveSecret } from '../../lib/server/secrets';
import { signatureFor, signatureHeader } from '../../lib/server/signatures';
import { insertUser } from '../../db/queries/users';
import { customers, events, ledgerEntries, members, workspaces } from '../../db/schema';

// The settings action below runs for real; only the session is set by the test.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const db = testDatabase();
const { POST } = await import('../../app/api/v1/events/route');
const { saveEventsPerMinuteAction } = await import('../../lib/actions/api-settings');

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

/** Rows the ingestion writes for a workspace: a refused request must leave every count as it was. */
const rowCounts = async (ws = workspaceId) => {
  const [[e], [l], [c]] = await Promise.all([
    db.select({ n: count() }).from(events).where(eq(events.workspaceId, ws)),
    db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, ws)),
    db.select({ n: count() }).from(customers).where(eq(customers.workspaceId, ws)),
  ]);
  return { events: e.n, entries: l.n, customers: c.n };
};
const linesBody = (lines: { product: string; amount: string }[]) => orderBody(uniq('amt'), { lines });

describe('amounts are bounded (18 digits before the point, 6 after, per line, refund and order total)', () => {
  it.each([
    ['1e100 in exponent notation', '1e100'],
    ['1e100 written out', `1${'0'.repeat(100)}`],
    ['a 1,000-digit amount', '9'.repeat(1000)],
    ['131,000 digits, past what numeric holds', '7'.repeat(131_000)],
    ['19 digits before the point', '1000000000000000000'],
    ['7 decimal places', '1.0000001'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['a negative amount', '-5.00'],
  ])('refuses %s with 400 naming data.lines.0.amount and writes nothing', async (_, amount) => {
    const before = await rowCounts();
    const res = await post(linesBody([{ product: 'kit', amount }]));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_input', fields: { 'data.lines.0.amount': expect.any(String) } });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an order whose lines are each allowed but whose total is not, naming data.lines', async () => {
    const before = await rowCounts();
    const res = await post(linesBody([{ product: 'a', amount: '600000000000000000' }, { product: 'b', amount: '400000000000000000' }]));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty(['data.lines']);
    expect(await rowCounts()).toEqual(before);
  });

  it('accepts the largest amounts inside the bounds, exactly', async () => {
    const res = await post(linesBody([{ product: 'a', amount: '999999999999999998.999999' }, { product: 'b', amount: '0.000001' }]));
    expect(res.status, await res.clone().text()).toBe(200);
    // 10% of 999999999999999999.000000, rounded to cents
    expect((await res.json()).entries).toMatchObject([{ amount: '99999999999999999.90' }]);
  });

  it('bounds a refund amount the same way', async () => {
    const orderId = uniq('o');
    await post(orderBody(orderId));
    const before = await rowCounts();
    const res = await post(JSON.stringify({ id: uniq('r'), type: 'refund', occurredAt: new Date().toISOString(), data: { orderId, amount: '9'.repeat(40) } }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty(['data.amount']);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an occurredAt before 2000 (an epoch 0 is a clock error, not an order)', async () => {
    const res = await post(JSON.stringify({ ...JSON.parse(orderBody(uniq('t'))), occurredAt: '1970-01-01T00:00:00Z' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty(['occurredAt']);
  });
});

describe('strings Postgres cannot store', () => {
  it('stores NULs and lone surrogates in every stored string as U+FFFD (200, never a 500)', async () => {
    const id = `o-${uniq('nul')}\u0000\ud800`;
    const body = JSON.stringify({
      id, type: 'order', occurredAt: new Date().toISOString(),
      data: {
        customer: { externalId: 'c\u0000\udfff' }, currency: 'USD', visitorId: `v\u0000${visitor}`, clickId: 'clk_\u0000\udbff', partnerCode: 'code\u0000',
        coupons: ['SAVE\u0000', '\ud83dX'],
        lines: [{ product: 'kit\u0000', plan: 'pro\udc00', category: 'cat\u0000\ud800\udc00', amount: '10.00' }],
      },
    });
    expect(body).toContain('\\u0000');
    const res = await post(body);
    expect(res.status, await res.clone().text()).toBe(200);
    const cleanId = id.replace('\u0000\ud800', '\ufffd\ufffd');
    expect((await res.json()).id).toBe(cleanId);
    const [stored] = await db.select({ payload: events.payload }).from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, cleanId)));
    expect(stored.payload).toMatchObject({
      data: {
        customer: { externalId: 'c\ufffd\ufffd' }, visitorId: `v\ufffd${visitor}`, clickId: 'clk_\ufffd\ufffd', partnerCode: 'code\ufffd', coupons: ['SAVE\ufffd', '\ufffdX'],
        // a valid surrogate pair (here U+10000) is kept
        lines: [{ product: 'kit\ufffd', plan: 'pro\ufffd', category: 'cat\ufffd\ud800\udc00' }],
      },
    });
    // the same body again is the same event: cleaning is deterministic
    const again = await post(body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('X-Signature, strictly', () => {
  const header = (body: string, t = Math.floor(Date.now() / 1000)) => ({ t, v1: signatureFor(SECRET, body, t) });

  it('refuses the right signature with anything appended, spaces, other keys or a short value', async () => {
    const id = uniq('sig');
    const body = orderBody(id);
    const { t, v1 } = header(body);
    for (const value of [
      `t=${t},v1=${v1}x`, `t=${t},v1=${v1}00`, `t=${t},v1=${v1},`, `t=${t}, v1=${v1}`, `t=${t},v1=${v1},v0=abc`,
      `t=${t},v1=${v1.slice(0, 62)}`, `t=${t}x,v1=${v1}`, `v1=${v1},t=${t}`, `t=${t},v1=${v1};`, `t=${t}.0,v1=${v1}`,
    ]) {
      const res = await post(body, { 'x-signature': value });
      expect(res.status, value).toBe(401);
    }
    expect(await db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, id)))).toHaveLength(0);
    // rotation: a second v1 (the old secret's) next to the right one still passes
    const rotated = await post(body, { 'x-signature': `t=${t},v1=${signatureFor('whsec_old', body, t)},v1=${v1}` });
    expect(rotated.status).toBe(200);
  });

  it('refuses a timestamp more than 5 minutes ahead as well as behind', async () => {
    const body = orderBody(uniq('future'));
    const ahead = header(body, Math.floor(Date.now() / 1000) + 6 * 60);
    expect((await post(body, { 'x-signature': `t=${ahead.t},v1=${ahead.v1}` })).status).toBe(401);
    const far = header(body, Math.floor(Date.now() / 1000) + 86_400 * 365);
    expect((await post(body, { 'x-signature': `t=${far.t},v1=${far.v1}` })).status).toBe(401);
    const near = header(body, Math.floor(Date.now() / 1000) + 60);
    expect((await post(body, { 'x-signature': `t=${near.t},v1=${near.v1}` })).status).toBe(200);
  });
});

describe("the workspace's events-per-minute limit", () => {
  it('counts only verified requests, and answers 429 with Retry-After past the limit', async () => {
    const code = uniq('rl');
    const ids = await setUpScenario(db, { title: 'rate limit', workspace: { baseCurrency: 'USD' }, programs: [], partners: [], steps: [], expect: { entries: [] } });
    const [{ slug: rlSlug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, ids.workspaceId));
    await saveSecret(db, ids.workspaceId, 'events', SECRET);
    // a tiny limit, written directly (the form allows 60 and up) so the test stays fast
    await db.update(workspaces).set({ eventsPerMinute: 3 }).where(eq(workspaces.id, ids.workspaceId));
    const send = (body: string, signature?: string) => post(body, { 'x-workspace': rlSlug, ...(signature ? { 'x-signature': signature } : {}) });

    // a stranger without the secret sends many: none of them counts
    for (let i = 0; i < 10; i += 1) expect((await send(orderBody(`${code}-x${i}`), 't=1,v1=00')).status).toBe(401);
    for (let i = 0; i < 3; i += 1) expect((await send(orderBody(`${code}-${i}`))).status).toBe(200);
    const limited = await send(orderBody(`${code}-over`));
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${limited.headers.get('retry-after')}`).toBe(true);
    expect(await rowCounts(ids.workspaceId)).toMatchObject({ events: 3 });
  });

  it('defaults to 6,000 a minute', async () => {
    const [{ n }] = await db.select({ n: workspaces.eventsPerMinute }).from(workspaces).where(eq(workspaces.id, workspaceId));
    expect(n).toBe(6000);
  });

  it('is set by owners and admins in Settings → API, within 60..100,000, naming the field otherwise', async () => {
    const m = await createMerchant(db);
    const form = (value: string) => {
      const f = new FormData();
      f.set('eventsPerMinute', value);
      return f;
    };
    session.current = { user: { id: m.userId, email: m.email } };
    expect(await saveEventsPerMinuteAction(m.workspaceSlug, null, form('12,000'))).toMatchObject({ ok: true });
    const stored = async () => (await db.select({ n: workspaces.eventsPerMinute }).from(workspaces).where(eq(workspaces.id, m.scope.workspaceId)))[0].n;
    expect(await stored()).toBe(12000);
    for (const bad of ['59', '100001', 'abc', '', '60.5', '-100']) {
      expect(await saveEventsPerMinuteAction(m.workspaceSlug, null, form(bad)), bad).toMatchObject({ ok: false, fields: { eventsPerMinute: expect.any(String) } });
    }
    expect(await stored()).toBe(12000);

    // a finance member and a viewer cannot; another tenant's owner learns nothing
    const finance = await insertUser(db, { email: `${uniq('fin')}@m.test`, name: 'F', passwordHash: 'x' });
    await db.insert(members).values({ workspaceId: m.scope.workspaceId, userId: finance.id, role: 'finance' });
    session.current = { user: { id: finance.id, email: finance.email } };
    expect(await saveEventsPerMinuteAction(m.workspaceSlug, null, form('60'))).toMatchObject({ ok: false, message: expect.stringMatching(/^Your role \(finance\)/) });
    const other = await createMerchant(db);
    session.current = { user: { id: other.userId, email: other.email } };
    expect(await saveEventsPerMinuteAction(m.workspaceSlug, null, form('60'))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await stored()).toBe(12000);
  });
});

describe('replays', () => {
  it('answers a replay with the very bytes of the first answer', async () => {
    const body = orderBody(uniq('replay'));
    const first = await post(body);
    const text = await first.text();
    expect(JSON.parse(text).entries).toHaveLength(1);
    const again = await post(body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(text);
  });
});
