import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { apiKeyFor, callApi, walkList } from '../helpers/api';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { partnerBalances } from '../../db/queries/balances';
import { auditLog, payoutBatches } from '../../db/schema';

// Payout batches, payouts and balances over the REST API: a batch is created as the console's
// preview → confirm → build makes it, settled through the console's services, and the balances
// answer what the console's balances show.

const db = testDatabase();
const batchesRoute = await import('../../app/api/v1/payout-batches/route');
const batchRoute = await import('../../app/api/v1/payout-batches/[id]/route');
const payoutsRoute = await import('../../app/api/v1/payouts/route');
const payoutRoute = await import('../../app/api/v1/payouts/[id]/route');
const paidRoute = await import('../../app/api/v1/payouts/[id]/mark-paid/route');
const failedRoute = await import('../../app/api/v1/payouts/[id]/mark-failed/route');
const balancesRoute = await import('../../app/api/v1/balances/route');

type Route = Parameters<typeof callApi>[0];
let workspaceId: string;
let key: string;
let readKey: string;
let otherKey: string;
let partners: string[] = [];

const PARTNERS = ['a', 'b', 'c', 'd', 'e'];

async function workspace(codes: string[]) {
  return setUpScenario(db, {
    title: 'api payouts',
    workspace: { baseCurrency: 'USD', minimumPayout: { USD: '5' } },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
    partners: PARTNERS.map((p, i) => ({ key: p, email: `${uniq(p)}@p.test`, enrollments: [{ program: 'ref' }], coupons: [{ code: codes[i]! }] })),
    steps: [],
    expect: { entries: [] },
  });
}

async function sell(ws: string, coupon: string, amount: string) {
  const id = uniq('o');
  await ingestEvent(db, ws, {
    id, type: 'order', occurredAt: new Date(Date.now() - 60_000).toISOString(),
    data: { customer: { externalId: `c-${id}` }, currency: 'USD', coupons: [coupon], lines: [{ product: 'kit', amount, recurring: false }] },
  }, { source: 'api' });
}

const get = (route: { GET: Route }, path: string, params?: Record<string, string>, k = key) => callApi(route.GET, 'GET', { key: k, path, params });
const post = (route: { POST: Route }, path: string, body: unknown, params?: Record<string, string>, k = key) => callApi(route.POST, 'POST', { key: k, path, body, params });

/** Every object's id (or other cursor) of a list, page by page (tests/helpers/api.ts checks each page). */
const walk = async (route: { GET: Route }, path: string, limit: number, id: (o: Record<string, string>) => string = (o) => o.id!) =>
  (await walkList<Record<string, string>>(route.GET, key, path, { limit, cursorOf: id })).map(id);

const codes = PARTNERS.map((p) => uniq(p).toUpperCase());

beforeAll(async () => {
  const ids = await workspace(codes);
  workspaceId = ids.workspaceId;
  partners = PARTNERS.map((p) => ids.partners.get(p)!);
  // a: 12.00 and 3.00, b: 20.00, c: 2.00 (below the minimum), d: 30.00, e: nothing
  await sell(workspaceId, codes[0]!, '120.00');
  await sell(workspaceId, codes[0]!, '30.00');
  await sell(workspaceId, codes[1]!, '200.00');
  await sell(workspaceId, codes[2]!, '20.00');
  await sell(workspaceId, codes[3]!, '300.00');
  key = await apiKeyFor(db, workspaceId, 'read_write');
  readKey = await apiKeyFor(db, workspaceId, 'read');
  const other = await workspace(PARTNERS.map((p) => uniq(p).toUpperCase()));
  otherKey = await apiKeyFor(db, other.workspaceId, 'read_write');
});

/** The API's balances as { partner|unit: buckets }, and the console's for comparison. */
async function balancesBoth() {
  const api: Record<string, unknown> = {};
  const res = await get(balancesRoute, '/balances?limit=100');
  for (const b of res.json.data) for (const u of b.balances) api[`${b.partner_id}|${u.unit}`] = { pending: u.pending, payable: u.payable, processing: u.processing, paid: u.paid };
  const console: Record<string, unknown> = {};
  for (const r of await partnerBalances(db, workspaceId, new Date())) console[`${r.partnerId}|${r.unit}`] = { pending: r.pending, payable: r.payable, processing: r.processing, paid: r.paid };
  return { api, console };
}

describe('GET /api/v1/balances', () => {
  it('agrees with the console for every partner and unit, and pages by partner', async () => {
    const { api, console } = await balancesBoth();
    expect(api).toEqual(console);
    expect(Object.keys(api)).toHaveLength(4);
    const paged = await walk(balancesRoute, '/balances', 1, (o) => o.partner_id!);
    expect(paged).toHaveLength(4);
    expect(new Set(paged).size).toBe(4);
    expect(paged).not.toContain(partners[4]);
  });

  it('filters by partner and unit, names bad filters, and keeps to the key\'s workspace', async () => {
    const one = await get(balancesRoute, `/balances?partner_id=${partners[0]}`);
    expect(one.json.data).toMatchObject([{ object: 'balance', partner_id: partners[0], balances: [{ unit: 'USD', payable: '15.00', pending: '0', processing: '0', paid: '0' }] }]);
    expect((await get(balancesRoute, '/balances?unit=points')).json.data).toEqual([]);
    expect((await get(balancesRoute, '/balances?partner_id=nope')).json.error.field).toBe('partner_id');
    expect((await get(balancesRoute, `/balances?partner_id=${partners[0]}`, undefined, otherKey)).json.data).toEqual([]);
    expect((await get(balancesRoute, `/balances?starting_after=${partners[0]}`, undefined, otherKey)).status).toBe(404);
  });
});

describe('payout batches and payouts', () => {
  let batch: { id: string; totals: unknown[] };
  let payoutOfA: string;

  it('refuses a read-only key (403) and bad bodies (400 naming the field)', async () => {
    expect((await post(batchesRoute, '/payout-batches', { reference: uniq('ro') }, undefined, readKey)).status).toBe(403);
    for (const [body, field] of [[{}, 'reference'], [{ reference: '' }, 'reference'], [{ reference: 'x', unit: 7 }, 'unit'], [{ reference: 'x', partner_ids: ['nope'] }, 'partner_ids.0']] as const) {
      const res = await post(batchesRoute, '/payout-batches', body);
      expect({ status: res.status, field: res.json.error.field }).toEqual({ status: 400, field });
    }
    const foreign = await post(batchesRoute, '/payout-batches', { reference: uniq('f'), partner_ids: [partners[0], '00000000-0000-4000-8000-000000000000'] });
    expect({ status: foreign.status, field: foreign.json.error.field }).toEqual({ status: 404, field: 'partner_ids.1' });
  });

  it('creates a batch (201) built before the answer, with totals per unit, audited as the key', async () => {
    const reference = uniq('2026-01');
    const res = await post(batchesRoute, '/payout-batches', { reference, unit: 'USD' });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      object: 'payout_batch', reference, state: 'ready', unit: 'USD', partner_ids: null, partners_total: 4, partners_done: 4,
      totals: [{ unit: 'USD', payouts: 3, amount: '65.00', processing: '65.00', paid: '0', failed: '0' }],
    });
    batch = res.json;
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.subjectId, batch.id));
    expect(audit).toMatchObject({ action: 'payout_batch.created', actorUserId: null });
    expect(audit!.actorApiKeyId).toEqual(expect.any(String));
    // c's 2.00 is below the minimum and stays payable; everything else is processing
    const { api, console } = await balancesBoth();
    expect(api).toEqual(console);
    expect(api[`${partners[2]}|USD`]).toMatchObject({ payable: '2.00', processing: '0' });
    expect(api[`${partners[0]}|USD`]).toMatchObject({ payable: '0', processing: '15.00' });
  });

  it('refuses a taken name (409 naming reference) and a batch with nothing to pay (422)', async () => {
    const taken = await post(batchesRoute, '/payout-batches', { reference: (batch as unknown as { reference: string }).reference });
    expect({ status: taken.status, field: taken.json.error.field }).toEqual({ status: 409, field: 'reference' });
    const nothing = await post(batchesRoute, '/payout-batches', { reference: uniq('empty') });
    expect(nothing.status).toBe(422);
    expect(nothing.json.error.code).toBe('unprocessable');
  });

  it('reads batches (list with pages, one by id) and not another workspace\'s', async () => {
    const one = await get(batchRoute, `/payout-batches/${batch.id}`, { id: batch.id });
    expect(one.json).toEqual(batch);
    const all = await walk(batchesRoute, '/payout-batches', 1);
    expect(all).toEqual([batch.id]);
    expect((await get(batchRoute, `/payout-batches/${batch.id}`, { id: batch.id }, otherKey)).status).toBe(404);
    expect((await get(batchesRoute, '/payout-batches', undefined, otherKey)).json.data).toEqual([]);
  });

  it('lists payouts with filters and pages, and reads one', async () => {
    const all = await walk(payoutsRoute, '/payouts', 2);
    expect(all).toHaveLength(3);
    expect(new Set(all).size).toBe(3);
    const ofA = await get(payoutsRoute, `/payouts?partner_id=${partners[0]}&batch_id=${batch.id}&status=processing`);
    expect(ofA.json.data).toMatchObject([{ object: 'payout', partner_id: partners[0], batch_id: batch.id, amount: '15.00', unit: 'USD', status: 'processing', entries: 2, reference: null }]);
    payoutOfA = ofA.json.data[0].id;
    expect((await get(payoutRoute, `/payouts/${payoutOfA}`, { id: payoutOfA })).json).toEqual(ofA.json.data[0]);
    expect((await get(payoutsRoute, '/payouts?status=paid')).json.data).toEqual([]);
    expect((await get(payoutsRoute, '/payouts?status=sent')).json.error.field).toBe('status');
    expect((await get(payoutRoute, `/payouts/${payoutOfA}`, { id: payoutOfA }, otherKey)).status).toBe(404);
    expect((await get(payoutsRoute, `/payouts?starting_after=${payoutOfA}`, undefined, otherKey)).status).toBe(404);
  });

  it('marks a payout paid once (then 409), with the key refused read-only and another workspace refused 404', async () => {
    expect((await post(paidRoute, `/payouts/${payoutOfA}/mark-paid`, { reference: 'TRF-1' }, { id: payoutOfA }, readKey)).status).toBe(403);
    expect((await post(paidRoute, `/payouts/${payoutOfA}/mark-paid`, { reference: 'TRF-1' }, { id: payoutOfA }, otherKey)).status).toBe(404);
    expect((await post(paidRoute, `/payouts/${payoutOfA}/mark-paid`, { reference: ' ' }, { id: payoutOfA })).json.error.field).toBe('reference');
    const paid = await post(paidRoute, `/payouts/${payoutOfA}/mark-paid`, { reference: 'TRF-1' }, { id: payoutOfA });
    expect(paid.status, paid.text).toBe(200);
    expect(paid.json).toMatchObject({ id: payoutOfA, status: 'paid', reference: 'TRF-1', paid_at: expect.any(String) });
    const again = await post(paidRoute, `/payouts/${payoutOfA}/mark-paid`, { reference: 'TRF-2' }, { id: payoutOfA });
    expect(again.status).toBe(409);
    const { api, console } = await balancesBoth();
    expect(api).toEqual(console);
    expect(api[`${partners[0]}|USD`]).toMatchObject({ processing: '0', paid: '15.00' });
    const totals = (await get(batchRoute, `/payout-batches/${batch.id}`, { id: batch.id })).json.totals;
    expect(totals).toEqual([{ unit: 'USD', payouts: 3, amount: '65.00', processing: '50.00', paid: '15.00', failed: '0' }]);
  });

  it('marks a payout failed: its entries are payable again', async () => {
    const [ofD] = (await get(payoutsRoute, `/payouts?partner_id=${partners[3]}`)).json.data;
    expect((await post(failedRoute, `/payouts/${ofD.id}/mark-failed`, {}, { id: ofD.id })).json.error.field).toBe('reason');
    const failed = await post(failedRoute, `/payouts/${ofD.id}/mark-failed`, { reason: 'The IBAN was rejected.' }, { id: ofD.id });
    expect(failed.json).toMatchObject({ status: 'failed', failure_reason: 'The IBAN was rejected.', failed_at: expect.any(String) });
    const { api, console } = await balancesBoth();
    expect(api).toEqual(console);
    expect(api[`${partners[3]}|USD`]).toMatchObject({ payable: '30.00', processing: '0' });
    expect((await post(failedRoute, `/payouts/${ofD.id}/mark-failed`, { reason: 'again' }, { id: ofD.id })).status).toBe(409);
  });

  it('never answers a 500 and always the error shape for any settle or batch body (fuzz)', async () => {
    const [ofB] = (await get(payoutsRoute, `/payouts?partner_id=${partners[1]}`)).json.data;
    const before = await db.select().from(payoutBatches).where(eq(payoutBatches.workspaceId, workspaceId));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ reason: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null)) }, { requiredKeys: [] }),
      fc.record({ reference: fc.oneof(fc.string({ maxLength: 120 }), fc.integer()), unit: fc.oneof(fc.string(), fc.constant(undefined)), partner_ids: fc.array(fc.oneof(fc.uuid(), fc.string())) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, toBatch) => {
        // every valid failure reason would settle b's payout: the first one does, later ones are 409s
        const res = toBatch ? await post(batchesRoute, '/payout-batches', b) : await post(failedRoute, `/payouts/${ofB.id}/mark-failed`, b, { id: ofB.id });
        expect(res.status).not.toBe(500);
        if (res.status >= 400) expect(res.json).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
      }),
      { numRuns: 60 },
    );
    // a fuzzed batch may have paid what the failures released; whatever happened, the books agree
    const { api, console } = await balancesBoth();
    expect(api).toEqual(console);
    expect((await db.select().from(payoutBatches).where(eq(payoutBatches.workspaceId, workspaceId))).length).toBeGreaterThanOrEqual(before.length);
  });
});
