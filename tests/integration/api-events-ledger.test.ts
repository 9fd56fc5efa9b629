import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, count, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { apiKeyFor, callApi, walkList } from '../helpers/api';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { events, ledgerEntries } from '../../db/schema';

// Events and the ledger over the REST API: posting with a key runs the signed endpoint's ingestion
// (same rewards, same answer to every repeat of an event id), and reading filters and pages the way
// the console does, inside the key's workspace only.

const db = testDatabase();
const eventsRoute = await import('../../app/api/v1/events/route');
const eventRoute = await import('../../app/api/v1/events/[id]/route');
const entriesRoute = await import('../../app/api/v1/ledger/entries/route');
const entryRoute = await import('../../app/api/v1/ledger/entries/[id]/route');

let key: string;
let readKey: string;
let otherKey: string;
let partnerA: string;
let partnerB: string;
let programId: string;
const couponA = uniq('A').toUpperCase();
const couponB = uniq('B').toUpperCase();

async function workspace(coupons: [string, string]) {
  return setUpScenario(db, {
    title: 'api events',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
    partners: [
      { key: 'a', email: `${uniq('a')}@p.test`, enrollments: [{ program: 'ref' }], coupons: [{ code: coupons[0] }] },
      { key: 'b', email: `${uniq('b')}@p.test`, enrollments: [{ program: 'ref' }], coupons: [{ code: coupons[1] }] },
    ],
    steps: [],
    expect: { entries: [] },
  });
}

const order = (id: string, coupon: string, amount = '120.00', at = new Date(Date.now() - 60_000)) => ({
  id, type: 'order', occurredAt: at.toISOString(),
  data: { customer: { externalId: `c-${id}` }, currency: 'USD', coupons: [coupon], lines: [{ product: 'kit', amount }] },
});

const postEvent = (body: unknown, k = key, headers: Record<string, string> = {}) => callApi(eventsRoute.POST, 'POST', { key: k, path: '/events', body, headers });
const get = (route: { GET: Parameters<typeof callApi>[0] }, path: string, params?: Record<string, string>, k = key) => callApi(route.GET, 'GET', { key: k, path, params });

/** Every id of a list, page by page (tests/helpers/api.ts checks each page). */
const walk = async (route: { GET: Parameters<typeof callApi>[0] }, path: string, limit: number) =>
  (await walkList(route.GET, key, path, { limit })).map((o) => o.id as string);

beforeAll(async () => {
  const ids = await workspace([couponA, couponB]);
  partnerA = ids.partners.get('a')!;
  partnerB = ids.partners.get('b')!;
  programId = ids.programs.get('ref')!;
  key = await apiKeyFor(db, ids.workspaceId, 'read_write');
  readKey = await apiKeyFor(db, ids.workspaceId, 'read');
  const other = await workspace([uniq('X').toUpperCase(), uniq('Y').toUpperCase()]);
  otherKey = await apiKeyFor(db, other.workspaceId, 'read_write');
});

describe('POST /api/v1/events with a key', () => {
  it('ingests an order like the signed endpoint and answers with the event and its rewards', async () => {
    const id = uniq('o');
    const res = await postEvent(order(id, couponA));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      object: 'event', event_id: id, type: 'order', source: 'api', status: 'processed', customer_external_id: `c-${id}`, order_id: null, refusal: null,
      rewards: [{ partner_id: partnerA, program_id: programId, kind: 'commission', amount: '12.00', unit: 'USD' }],
    });
  });

  it('answers every repeat of an event id with the first result and pays once, concurrent copies too', async () => {
    const id = uniq('dup');
    const responses = await Promise.all(Array.from({ length: 5 }, () => postEvent(order(id, couponA))));
    expect(responses.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    const later = await postEvent(order(id, couponB, '999.00'));
    expect(later.text).toBe(responses[0]!.text);
    const [{ n }] = await db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.orderRef, id));
    expect(n).toBe(1);
  });

  it('honours Idempotency-Key: a replay is the first answer byte for byte, another body is a 409', async () => {
    const idem = uniq('idem');
    const first = await postEvent(order(uniq('k'), couponA), key, { 'Idempotency-Key': idem });
    const again = await postEvent(JSON.parse(JSON.stringify(order(first.json.event_id, couponA, '120.00', new Date(first.json.occurred_at)))), key, { 'Idempotency-Key': idem });
    expect(first.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await postEvent(order(uniq('k'), couponA), key, { 'Idempotency-Key': idem });
    expect(other.status).toBe(409);
  });

  it('posts a refund against its order', async () => {
    const orderId = uniq('o');
    await postEvent(order(orderId, couponB));
    const res = await postEvent({ id: uniq('r'), type: 'refund', occurredAt: new Date().toISOString(), data: { orderId, amount: '60.00' } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ type: 'refund', order_id: orderId, rewards: [{ kind: 'reversal', amount: '-6.00', partner_id: partnerB }] });
  });

  it('refuses a read-only key (403), no key (401), bad fields (400 naming them) and a missing rate (422), storing nothing', async () => {
    const id = uniq('no');
    expect((await postEvent(order(id, couponA), readKey)).status).toBe(403);
    expect((await callApi(eventsRoute.POST, 'POST', { key: null, path: '/events', body: order(id, couponA), headers: { authorization: 'Basic x' } })).status).toBe(401);
    const bad = await postEvent({ ...order(id, couponA), data: { ...order(id, couponA).data, lines: [{ product: 'kit', amount: 12 }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'invalid_input', field: 'data.lines.0.amount' });
    const fx = await postEvent({ ...order(id, couponA), data: { ...order(id, couponA).data, currency: 'EUR' } });
    expect(fx.status).toBe(422);
    expect(fx.json.error.code).toBe('fx_rate_missing');
    const unknownOrder = await postEvent({ id, type: 'refund', occurredAt: new Date().toISOString(), data: { orderId: 'nope' } });
    expect(unknownOrder.json.error.field).toBe('data.orderId');
    expect(await db.select().from(events).where(eq(events.senderId, id))).toHaveLength(0);
  });

  it('never answers a 500 and always the error shape, whatever the body (fuzz)', async () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const nearlyEvent = fc.record({
      id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
      type: fc.oneof(fc.constantFrom('order', 'refund', 'milestone', 'other'), anyJson),
      occurredAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
      data: fc.oneof(anyJson, fc.record({ customer: anyJson, currency: fc.oneof(fc.constant('USD'), fc.string()), lines: fc.array(fc.record({ product: fc.string(), amount: fc.oneof(fc.string(), fc.double()) })) })),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyJson, nearlyEvent), async (body) => {
        const res = await postEvent(body);
        expect(res.status).not.toBe(500);
        if (res.status >= 400) expect(res.json).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
      }),
      { numRuns: 60 },
    );
  });

  it('keeps serving signed storefront requests (X-Signature) on the same URL', async () => {
    const res = await callApi(eventsRoute.POST, 'POST', { path: '/events', body: order(uniq('s'), couponA), headers: { 'x-workspace': 'no-such-workspace', 'x-signature': 't=1,v1=00' } });
    expect(res.status).toBe(404);
  });
});

describe('GET /api/v1/events', () => {
  let orderIds: string[] = [];
  beforeAll(async () => {
    orderIds = [];
    for (let i = 0; i < 5; i += 1) {
      const id = uniq(`page${i}`);
      orderIds.push(id);
      await postEvent(order(id, i % 2 ? couponA : couponB, '50.00', new Date(Date.UTC(2025, 0, 10 + i, 12))));
    }
  });

  it('pages newest first across pages without gaps or repeats', async () => {
    const all = await walk(eventsRoute, '/events?limit=100', 100);
    const paged = await walk(eventsRoute, '/events', 2);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('filters by type, status, event id and time', async () => {
    const january = await get(eventsRoute, '/events?from=2025-01-01&to=2025-01-31&type=order&status=processed');
    expect(january.json.data.map((e: { event_id: string }) => e.event_id)).toEqual([...orderIds].reverse());
    const refunds = await get(eventsRoute, '/events?type=refund');
    expect(refunds.json.data.length).toBeGreaterThan(0);
    expect(refunds.json.data.every((e: { type: string }) => e.type === 'refund')).toBe(true);
    const one = await get(eventsRoute, `/events?event_id=${orderIds[2]}`);
    expect(one.json.data).toHaveLength(1);
    const day = await get(eventsRoute, '/events?from=2025-01-12T00:00:00Z&to=2025-01-13');
    expect(day.json.data.map((e: { event_id: string }) => e.event_id)).toEqual([orderIds[3], orderIds[2]]);
  });

  it('names the bad query field with a 400', async () => {
    for (const [q, field] of [['type=sale', 'type'], ['limit=0', 'limit'], ['limit=101', 'limit'], ['from=yesterday', 'from'], ['from=2025-02-01&to=2025-01-01', 'to'], ['starting_after=nope', 'starting_after']]) {
      const res = await get(eventsRoute, `/events?${q}`);
      expect({ q, status: res.status, field: res.json.error?.field }).toEqual({ q, status: 400, field });
    }
  });

  it('reads one event with its rewards and plain-words explanation; another workspace cannot', async () => {
    const listed = await get(eventsRoute, `/events?event_id=${orderIds[1]}`);
    const id = listed.json.data[0].id;
    const res = await get(eventRoute, `/events/${id}`, { id });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ id, event_id: orderIds[1], rewards: [{ partner_id: partnerA, amount: '5.00' }] });
    expect(res.json.explanation.length).toBeGreaterThan(0);
    expect(res.json.explanation.flatMap((s: { lines: string[] }) => s.lines).join(' ')).toMatch(/coupon/i);
    expect((await get(eventRoute, `/events/${id}`, { id }, otherKey)).status).toBe(404);
    expect((await get(eventsRoute, `/events?starting_after=${id}`, undefined, otherKey)).status).toBe(404);
    expect((await get(eventRoute, '/events/x', { id: 'x' })).json.error.field).toBe('id');
  });
});

describe('GET /api/v1/ledger/entries', () => {
  it('pages newest first without gaps or repeats', async () => {
    const all = await walk(entriesRoute, '/ledger/entries?limit=100', 100);
    expect(all.length).toBeGreaterThan(5);
    expect(await walk(entriesRoute, '/ledger/entries', 3)).toEqual(all);
  });

  it('filters like the console: partner, program, kind, status, unit and recorded time', async () => {
    const ofA = await get(entriesRoute, `/ledger/entries?partner_id=${partnerA}&limit=100`);
    const [{ n }] = await db.select({ n: count() }).from(ledgerEntries).where(and(eq(ledgerEntries.partnerId, partnerA)));
    expect(ofA.json.data).toHaveLength(n);
    expect(ofA.json.data.every((e: { partner_id: string }) => e.partner_id === partnerA)).toBe(true);
    const reversals = await get(entriesRoute, `/ledger/entries?kind=reversal&program_id=${programId}`);
    expect(reversals.json.data).toMatchObject([{ kind: 'reversal', amount: '-6.00', partner_id: partnerB }]);
    const payable = await get(entriesRoute, '/ledger/entries?status=payable&unit=USD&limit=100');
    expect(payable.json.data.length).toBe(ofA.json.data.length + (await get(entriesRoute, `/ledger/entries?partner_id=${partnerB}&limit=100`)).json.data.length);
    expect((await get(entriesRoute, '/ledger/entries?status=paid')).json.data).toEqual([]);
    expect((await get(entriesRoute, '/ledger/entries?unit=EUR')).json.data).toEqual([]);
    expect((await get(entriesRoute, '/ledger/entries?from=2999-01-01')).json.data).toEqual([]);
    expect((await get(entriesRoute, `/ledger/entries?to=${new Date(Date.now() + 60_000).toISOString()}&limit=1`)).json.data).toHaveLength(1);
    for (const [q, field] of [['kind=bonus2', 'kind'], ['status=owed', 'status'], ['partner_id=12', 'partner_id'], ['to=2025-13-01', 'to']]) {
      expect((await get(entriesRoute, `/ledger/entries?${q}`)).json.error.field).toBe(field);
    }
  });

  it('reads one entry with its explanation; another workspace gets a 404', async () => {
    const [first] = (await get(entriesRoute, `/ledger/entries?partner_id=${partnerA}&kind=commission`)).json.data;
    const res = await get(entryRoute, `/ledger/entries/${first.id}`, { id: first.id });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ id: first.id, object: 'ledger_entry', kind: 'commission', status: 'payable', payout_id: null, unit: 'USD' });
    expect(res.json.explanation.flatMap((s: { lines: string[] }) => s.lines).length).toBeGreaterThan(0);
    expect((await get(entryRoute, `/ledger/entries/${first.id}`, { id: first.id }, otherKey)).status).toBe(404);
    expect((await get(entriesRoute, `/ledger/entries?partner_id=${partnerA}`, undefined, otherKey)).json.data).toEqual([]);
  });
});
