import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Stripe from 'stripe';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { storeClick } from '../helpers/clicks';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { saveSecret } from '../../lib/server/secrets';
import { coupons, events, ledgerEntries, stripeHeldEvents, stripeOrderRefs, workspaces } from '../../db/schema';
import { fixture, stripePoster, type Json } from '../fixtures/stripe/purchase';

// What a holder of the signing secret can send: every payload is signed with Stripe's own SDK, so
// only our reading of it stands between it and the database. A malformed envelope or object is a
// 400 naming the field, never a 500, and nothing is written for anything refused.

const db = testDatabase();
const stripeRoute = await import('../../app/api/v1/integrations/stripe/[workspace]/route');
const SECRET = 'whsec_test_PLenvelopeSecret000001';
const post = stripePoster(stripeRoute.POST, SECRET);

let slug: string;
let workspaceId: string;
let linkCode: string;

beforeAll(async () => {
  linkCode = uniq('env');
  const ids = await setUpScenario(db, {
    title: 'stripe envelope',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
    partners: [{ key: 'anna', email: `${linkCode}@partners.test`, enrollments: [{ program: 'ref' }], links: [{ code: linkCode }], coupons: [{ code: 'ANNA10' }] }],
    steps: [],
    expect: { entries: [] },
  });
  workspaceId = ids.workspaceId;
  [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  await saveSecret(db, workspaceId, 'stripe', SECRET);
});

/** Row counts of everything a Stripe webhook may write for this workspace. */
async function footprint() {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
  return {
    events: await n(db.select({ n: count() }).from(events).where(eq(events.workspaceId, workspaceId))),
    entries: await n(db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId))),
    held: await n(db.select({ n: count() }).from(stripeHeldEvents).where(eq(stripeHeldEvents.workspaceId, workspaceId))),
    refs: await n(db.select({ n: count() }).from(stripeOrderRefs).where(eq(stripeOrderRefs.workspaceId, workspaceId))),
    promotionCodes: await n(db.select({ n: count() }).from(coupons).where(and(eq(coupons.workspaceId, workspaceId), isNotNull(coupons.stripePromotionCodeId)))),
  };
}

/** A paid one-time Checkout Session with ids of its own. */
function checkout(tag = uniq('env')): Json {
  const e = fixture('checkout.session.completed.json');
  e.id = `evt_${tag}`;
  Object.assign(e.data.object, { id: `cs_test_${tag}`, payment_intent: `pi_${tag}`, customer: `cus_${tag}` });
  return e;
}

async function expectRefused(payload: Json | string, field: string) {
  const before = await footprint();
  const res = await post(slug, payload);
  expect(res.status, await res.clone().text()).toBe(400);
  const body = await res.json();
  expect(body.error.code).toBe('invalid_input');
  expect(Object.keys(body.error.fields ?? {})).toContain(field);
  expect(await footprint()).toEqual(before);
}

describe('the Stripe envelope is validated', () => {
  it('refuses a signed null, a non-object and an event without data or data.object', async () => {
    await expectRefused('null', '_');
    await expectRefused('[1,2]', '_');
    await expectRefused('"evt"', '_');
    const noData = checkout();
    delete noData.data;
    await expectRefused(noData, 'data');
    const noObject = checkout();
    delete noObject.data.object;
    await expectRefused(noObject, 'data.object');
    const nullObject = checkout();
    nullObject.data.object = null;
    await expectRefused(nullObject, 'data.object');
    const noType = checkout();
    delete noType.type;
    await expectRefused(noType, 'type');
  });

  it.each([
    ['a string', '1767261600'], ['an object', { seconds: 1767261600 }], ['1e308', 1e308], ['0', 0], ['null', null], ['negative', -1767261600],
    ['a fraction', 1767261600.5], ['before Stripe existed', 86_400], ['in the future', Math.floor(Date.now() / 1000) + 86_400],
  ])('refuses created as %s, naming it', async (_, created) => {
    await expectRefused({ ...checkout(), created }, 'created');
  });

  it('refuses an unknown payment_status instead of taking it for paid, and an unknown mode', async () => {
    const odd = checkout();
    odd.data.object.payment_status = 'pending_review';
    await expectRefused(odd, 'data.object.payment_status');
    const mode = checkout();
    mode.data.object.mode = 'donation';
    await expectRefused(mode, 'data.object.mode');
    // documented: no_payment_required (a 100% discount, a trial) is an order, unpaid is not yet one
    const free = checkout();
    Object.assign(free.data.object, { payment_status: 'no_payment_required', amount_subtotal: 0, amount_total: 0, total_details: { amount_discount: 0 }, payment_intent: null });
    expect(await (await post(slug, free)).json()).toMatchObject({ id: free.data.object.id, status: 'processed' });
  });

  it.each([
    ['1e100', 'data.object.amount_subtotal', (e: Json) => (e.data.object.amount_subtotal = 1e100)],
    ['13 digits', 'data.object.amount_subtotal', (e: Json) => (e.data.object.amount_subtotal = 1_000_000_000_000)],
    ['a 1,000-digit string', 'data.object.amount_subtotal', (e: Json) => (e.data.object.amount_subtotal = '9'.repeat(1000))],
    ['a fraction of a minor unit', 'data.object.amount_subtotal', (e: Json) => (e.data.object.amount_subtotal = 12000.5)],
    ['a huge discount', 'data.object.total_details.amount_discount', (e: Json) => (e.data.object.total_details.amount_discount = -1e15)],
  ])('refuses an amount of %s with a 400 naming it', async (_, field, mutate) => {
    const e = checkout();
    mutate(e);
    await expectRefused(e, field);
  });

  it('refuses ids too long to be Stripe ids (they would overflow an index entry)', async () => {
    const refund = fixture('charge.refunded.json');
    Object.assign(refund.data.object, { id: `ch_${'x'.repeat(5000)}`, payment_intent: `pi_${'y'.repeat(5000)}` });
    await expectRefused(refund, 'data.object.id');
  });
});

describe('the Stripe-Signature header is read strictly', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const hmac = (body: string, t: number) => Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: t }).split(',v1=')[1]!;

  it('refuses a timestamp more than 5 minutes in the future, as one more than 5 minutes old', async () => {
    const body = JSON.stringify(checkout());
    const before = await footprint();
    for (const t of [now() + 3600, now() + 301, now() - 3600]) {
      const res = await post(slug, body, { timestamp: t });
      expect(res.status, `t = now ${t - now()} s`).toBe(401);
    }
    expect(await footprint()).toEqual(before);
    expect((await post(slug, body, { timestamp: now() + 240 })).status).toBe(200);
  });

  it('refuses malformed headers that the SDK alone would read leniently', async () => {
    const body = JSON.stringify(checkout());
    const t = now();
    const sig = hmac(body, t);
    for (const header of [
      `t=${t}abc,v1=${sig}`, `t=${t},v1=${sig}ff`, `t=${t},v1=${sig}zz`, `t=${t},t=${t},v1=${sig}`, `t=${t}, v1=${sig}`,
      `t=${t},v1=${sig.toUpperCase()}`, `t=${t}`, `v1=${sig}`, `t=${t},v1=${sig},garbage`,
    ]) {
      expect((await post(slug, body, { header })).status, header).toBe(401);
    }
    // what Stripe sends: several v1 values during a secret roll, and a v0 scheme in test mode
    expect((await post(slug, body, { header: `t=${t},v1=${'0'.repeat(64)},v1=${sig},v0=${'a'.repeat(64)}` })).status).toBe(200);
  });
});

describe("Stripe's whole-second clock", () => {
  it('credits a click made within the same second as the purchase (created has no milliseconds)', async () => {
    const tag = uniq('sec');
    const second = Date.UTC(2026, 5, 1, 12, 0, 0);
    await storeClick(db, workspaceId, { id: `clk_${tag}`, linkCode, visitorId: `v-${tag}`, at: new Date(second + 700) });
    const e = checkout(tag);
    e.created = second / 1000;
    Object.assign(e.data.object, { client_reference_id: `clk_${tag}`, discounts: [] });
    const res = await post(slug, e);
    expect(await res.json()).toMatchObject({ id: `pi_${tag}`, entries: [{ kind: 'commission', amount: '10.80' }] });
    const [stored] = await db.select({ occurredAt: events.occurredAt }).from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, `pi_${tag}`)));
    expect(stored!.occurredAt.toISOString()).toBe('2026-06-01T12:00:00.999Z');
  });
});

describe('fuzz: hostile but signed Stripe payloads', () => {
  const bases = ['checkout.session.completed.json', 'checkout.session.completed.subscription.json', 'invoice.paid.json', 'charge.refunded.json', 'invoice_payment.paid.json', 'promotion_code.created.json'];
  const hostile = fc.oneof(
    fc.constantFrom<unknown>(null, '', 0, -1, 1e308, -1e308, 1.5, 2 ** 53 + 2, true, [], {}, '12', 'x\u0000y', '\uD800', 'a\uDC00b', '9'.repeat(1000), 'NaN', '1e999'),
    fc.string({ maxLength: 300 }),
    fc.integer(),
    fc.double(),
    fc.jsonValue({ maxDepth: 3 }),
  );
  /** Every path of a JSON value, root included. */
  const pathsOf = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
    v && typeof v === 'object' ? [at, ...Object.entries(v).flatMap(([k, c]) => pathsOf(c, [...at, Array.isArray(v) ? Number(k) : k]))] : [at];
  const mutate = (root: Json, path: (string | number)[], value: unknown, remove: boolean): unknown => {
    if (path.length === 0) return remove ? undefined : value;
    let node: Json = root;
    for (const key of path.slice(0, -1)) node = node[key];
    if (remove) delete node[path.at(-1)!];
    else node[path.at(-1)!] = value;
    return root;
  };

  it('answers every mutation 200, 400 or 422, never 500, and writes nothing when it refuses', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases),
        fc.array(fc.tuple(fc.nat(), hostile, fc.boolean()), { minLength: 1, maxLength: 3 }),
        async (base, mutations) => {
          const tag = `fz${run++}${uniq('')}`;
          let payload: unknown = JSON.parse(JSON.stringify(fixture(base)).replaceAll('PLtest', tag));
          for (const [pick, value, remove] of mutations) {
            const paths = pathsOf(payload);
            payload = mutate(payload as Json, paths[pick % paths.length]!, value, remove);
          }
          // the root removed: a signed `null` (an empty body cannot be signed-checked at all: 401)
          const body = payload === undefined ? 'null' : JSON.stringify(payload);
          const before = await footprint();
          const res = await post(slug, body);
          expect([200, 400, 422], `${res.status} ${await res.clone().text()} for ${body.slice(0, 300)}`).toContain(res.status);
          if (res.status !== 200) expect(await footprint()).toEqual(before);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  }, 120_000);
});

describe('a malformed email on a paid Checkout Session', () => {
  it('records the order without it instead of refusing it (Stripe would retry a 400 for days, then drop it)', async () => {
    const e = checkout();
    e.data.object.customer_details = { ...(e.data.object.customer_details ?? {}), email: 'buyer at example dot com' };
    e.data.object.customer_email = 'also@@broken';
    const res = await post(slug, e);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: e.data.object.payment_intent, status: 'processed' });
    const [row] = await db.select({ payload: events.payload }).from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, e.data.object.payment_intent)));
    expect(row?.payload.data).toMatchObject({ customer: { externalId: e.data.object.customer } });
    expect((row?.payload.data as { customer: { email?: string } }).customer.email).toBeUndefined();
  });
});
