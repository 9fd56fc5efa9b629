import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { bindings, clicks, orderCredits, partners } from '../../db/schema';
import { loadEntryStates } from '../../db/queries/ledger';
import { weeklyAttributedRevenue, weeklyClicks, weeklyNewCustomers, weeklyRewardsByStatus } from '../../db/queries/overview-series';
import { topPartnersByRevenue, topPartnersByRewards } from '../../db/queries/overview-top';
import { setUpScenario, type ScenarioIds } from '../../scripts/scenarios/setup';
import { playStep } from '../../scripts/scenarios/steps';
import type { Scenario, ScenarioStep } from '../../scripts/scenarios/format';
import { localToday, parseOverviewPeriod, type OverviewPeriod } from '../../lib/domain/overview-period';
import { Decimal } from '../../lib/engine';
import { balanceBucket, existedAt } from '../../lib/engine/balances';
import { fillWeeks } from '../../components/overview/weeks';

// The overview's weekly series and top partners against the rows they summarise: two tenants play
// stories in the same weeks through the production services (clicks, bot clicks, orders in two
// currencies and two units, a coupon, a manual binding, a refund, paid, failed and processing
// payouts), and every figure is recomputed here straight from the stored rows of one tenant.

const db = testDatabase();
const now = new Date('2026-03-25T12:00:00Z');
const period = parseOverviewPeriod({ from: '2026-01-26', to: '2026-03-29' }, now);
const tag = uniq('ov');
let a: ScenarioIds;
let b: ScenarioIds;

const program = (key: string, unit: string, holdDays: number, rewards: Scenario['programs'][number]['rewards']) => ({ key, unit, model: 'last_touch' as const, windowDays: 30, holdDays, rewards });
const usdShare = program('referral', 'USD', 14, [{ type: 'one_time_share', percent: '10' }]);
const at = (day: string, time = '10:00:00') => `${day}T${time}Z`;
const order = (day: string, id: string, customer: string, amount: string, extra: Partial<NonNullable<ScenarioStep['order']>> = {}): ScenarioStep => ({
  at: at(day), order: { id, customer, currency: 'USD', lines: [{ product: 'plan', amount }], ...extra },
});

function storyOfA(): Scenario {
  const steps: ScenarioStep[] = [
    { at: at('2026-01-20'), click: { link: `${tag}-ana`, visitor: 'before' } }, // before the period
    { at: '2026-02-08T23:30:00Z', click: { link: `${tag}-ana`, visitor: 'tz' } }, // Sunday in UTC, Monday in Tokyo
  ];
  // traffic: more every week, every third click of ana's a bot; ben once a week but in the fourth
  const mondays = ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16'];
  mondays.forEach((monday, w) => {
    for (let k = 0; k < w + 2; k++) {
      const day = new Date(Date.parse(`${monday}T00:00:00Z`) + (k % 7) * 86_400_000).toISOString().slice(0, 10);
      steps.push({ at: at(day, `0${k % 10}:15:00`), click: { link: `${tag}-ana`, visitor: `a-${w}-${k}`, bot: k % 3 === 2 } });
    }
    if (w !== 3) steps.push({ at: at(monday, '08:00:00'), click: { link: `${tag}-ben`, visitor: `b-${w}` } });
  });
  steps.push(
    { at: at('2026-02-10', '09:00:00'), click: { link: `${tag}-ana-points`, visitor: 'a-1-0' } },
    order('2026-02-10', 'o1', 'c1', '1000.00', { visitor: 'a-1-0' }), // bound in both programs at once: one new customer
    { ...order('2026-02-17', 'o2', 'c2', '500.00', { visitor: 'b-2' }), order: { id: 'o2', customer: 'c2', visitor: 'b-2', currency: 'EUR', lines: [{ product: 'plan', amount: '500.00' }] } },
    order('2026-02-18', 'o3', 'c3', '300.00', { coupons: [`${tag}-CAT`] }),
    { at: at('2026-02-18', '11:00:00'), assign: { customer: 'c4', program: 'referral', partner: 'ben' } },
    order('2026-02-20', 'o4', 'c4', '200.00'),
    order('2026-02-24', 'o5', 'c1', '400.00', { visitor: 'a-1-0' }), // a returning customer: not new again
    { at: at('2026-03-03'), refund: { order: 'o1', amount: '500.00' } },
    { at: at('2026-03-05'), payout: { batch: 'b1' } },
    { at: at('2026-03-06'), paid: { batch: 'b1' } },
    order('2026-03-09', 'o6', 'c5', '250.00', { visitor: 'b-5' }),
    // c4, bound by hand in February, is bound in the points program now: not a new customer again
    { at: at('2026-03-10', '09:00:00'), click: { link: `${tag}-ana-points`, visitor: 'c4-visitor' } },
    order('2026-03-10', 'o8', 'c4', '80.00', { visitor: 'c4-visitor' }),
    { at: at('2026-03-12'), payout: { batch: 'b2', partners: ['cat'] } },
    { at: at('2026-03-13'), failed: { batch: 'b2' } },
    order('2026-03-17', 'o7', 'c6', '150.00', { visitor: 'a-6-0' }),
    { at: at('2026-03-20'), payout: { batch: 'b3', partners: ['ben'] } },
    { at: at('2026-04-02'), click: { link: `${tag}-ana`, visitor: 'after' } }, // after the period
  );
  steps.sort((x, y) => x.at.localeCompare(y.at));
  return {
    title: 'Overview: tenant A',
    workspace: { baseCurrency: 'USD', fxRates: [{ currency: 'EUR', rate: '1.10', from: '2025-01-01T00:00:00Z' }], units: [{ key: 'points', label: 'Points', precision: 0, baseValue: '0.01' }] },
    programs: [usdShare, program('loyalty', 'points', 0, [{ type: 'per_order', amount: '500' }])],
    partners: [
      { key: 'ana', email: `ana-${tag}@p.test`, enrollments: [{ program: 'referral' }, { program: 'loyalty' }], links: [{ code: `${tag}-ana`, program: 'referral' }, { code: `${tag}-ana-points`, program: 'loyalty' }] },
      { key: 'ben', email: `ben-${tag}@p.test`, enrollments: [{ program: 'referral' }], links: [{ code: `${tag}-ben` }] },
      { key: 'cat', email: `cat-${tag}@p.test`, enrollments: [{ program: 'referral' }], coupons: [{ code: `${tag}-CAT` }] },
      { key: 'dan', email: `dan-${tag}@p.test`, enrollments: [{ program: 'referral' }] },
    ],
    steps,
    expect: { entries: [] },
  };
}

// tenant B: the same weeks, different numbers, so a missing tenant filter shows in A's figures
const storyOfB = (): Scenario => ({
  title: 'Overview: tenant B',
  workspace: { baseCurrency: 'USD' },
  programs: [{ ...usdShare, holdDays: 0 }],
  partners: [{ key: 'zed', email: `zed-${tag}@p.test`, enrollments: [{ program: 'referral' }], links: [{ code: `${tag}-zed` }] }],
  steps: [
    { at: at('2026-02-10', '08:00:00'), click: { link: `${tag}-zed`, visitor: 'z1' } },
    { at: at('2026-02-10', '08:30:00'), click: { link: `${tag}-zed`, visitor: 'z2', bot: true } },
    order('2026-02-11', 'ob1', 'cb1', '200.00', { visitor: 'z1' }),
  ],
  expect: { entries: [] },
});

// click ids are derived from the step's index and are global: B's steps are numbered after A's
async function play(s: Scenario, firstIndex: number): Promise<ScenarioIds> {
  const ids = await setUpScenario(db, s);
  for (const [i, step] of s.steps.entries()) expect({ i, refused: await playStep(db, ids, step, firstIndex + i) }).toEqual({ i, refused: undefined });
  return ids;
}

// ---- the expectations, computed from stored rows without the overview's SQL

/** The Monday of the week an instant falls in, in the zone, or undefined outside the period. */
function weekIn(p: OverviewPeriod, instant: Date): string | undefined {
  const day = localToday(instant, p.timeZone);
  if (day < p.from || day > p.to) return undefined;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function add(map: Map<string, Decimal>, key: string, amount: string | number | Decimal) {
  map.set(key, (map.get(key) ?? new Decimal(0)).plus(amount));
}
const plain = (m: Map<string, Decimal>) => Object.fromEntries([...m].map(([k, v]) => [k, v.toFixed()]).sort());

async function directClicks(workspaceIds: string[], p: OverviewPeriod) {
  const counts = new Map<string, Decimal>();
  for (const ws of workspaceIds) {
    for (const c of await db.select().from(clicks).where(eq(clicks.workspaceId, ws))) {
      const week = weekIn(p, c.occurredAt);
      if (week && !c.isBot) add(counts, week, 1);
    }
  }
  return plain(counts);
}

async function directNewCustomers(ws: string, p: OverviewPeriod) {
  const first = new Map<string, Date>();
  for (const r of await db.select().from(bindings).where(eq(bindings.workspaceId, ws))) {
    const seen = first.get(r.customerId);
    if (!seen || r.boundAt < seen) first.set(r.customerId, r.boundAt);
  }
  const counts = new Map<string, Decimal>();
  for (const boundAt of first.values()) {
    const week = weekIn(p, boundAt);
    if (week) add(counts, week, 1);
  }
  return plain(counts);
}

async function directCredits(ws: string) {
  return db.select().from(orderCredits).where(eq(orderCredits.workspaceId, ws));
}

async function directRevenue(ws: string, p: OverviewPeriod) {
  const perOrder = new Map<string, { at: Date; revenue: Decimal }>();
  for (const c of await directCredits(ws)) {
    const o = perOrder.get(c.eventId);
    if (!o || new Decimal(c.qualifyingRevenueBase).gt(o.revenue)) perOrder.set(c.eventId, { at: c.at, revenue: new Decimal(c.qualifyingRevenueBase) });
  }
  const sums = new Map<string, Decimal>();
  for (const o of perOrder.values()) {
    const week = weekIn(p, o.at);
    if (week) add(sums, week, o.revenue);
  }
  return plain(sums);
}

async function directRewards(ws: string, p: OverviewPeriod) {
  const sums = new Map<string, Decimal>();
  for (const e of await loadEntryStates(db, ws)) {
    const week = weekIn(p, new Date(e.createdAt!));
    if (week && existedAt(e, now.getTime())) add(sums, `${week} ${e.unit} ${balanceBucket(e, now.getTime())}`, e.amount);
  }
  return plain(sums);
}

const nonZero = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => !new Decimal(v).isZero()));

beforeAll(async () => {
  a = await play(storyOfA(), 0);
  b = await play(storyOfB(), 10_000);
}, 120_000);

describe('overview weekly series', () => {
  it('clicks: human clicks per week of the period, in the workspace zone', async () => {
    for (const zone of ['UTC', 'Asia/Tokyo']) {
      const p = parseOverviewPeriod({ from: period.from, to: period.to }, now, zone);
      const rows = await weeklyClicks(db, a.workspaceId, p);
      expect(plain(new Map(rows.map((r) => [r.week, new Decimal(r.clicks)])))).toEqual(await directClicks([a.workspaceId], p));
    }
    // the late Sunday click moves to the next week in Tokyo, so the zone really matters
    const utc = await weeklyClicks(db, a.workspaceId, period);
    const tokyo = await weeklyClicks(db, a.workspaceId, { ...period, timeZone: 'Asia/Tokyo' });
    const w = (rows: typeof utc, week: string) => rows.find((r) => r.week === week)?.clicks;
    expect(w(tokyo, '2026-02-09')).toBe(w(utc, '2026-02-09')! + 1);
    expect(w(tokyo, '2026-02-02')).toBe(w(utc, '2026-02-02')! - 1);
  });

  it('new customers: each customer once, in the week of their first binding (manual ones too)', async () => {
    const rows = await weeklyNewCustomers(db, a.workspaceId, period);
    const series = plain(new Map(rows.map((r) => [r.week, new Decimal(r.customers)])));
    expect(series).toEqual(await directNewCustomers(a.workspaceId, period));
    // c1 (two programs at once) in the week of 9 Feb; c2, c3 and the hand-bound c4 in the week of 16 Feb
    expect(series).toMatchObject({ '2026-02-09': '1', '2026-02-16': '3', '2026-03-09': '1' });
    const c4 = (await db.select().from(bindings).where(eq(bindings.workspaceId, a.workspaceId))).filter((r) => weekIn(period, r.boundAt) === '2026-03-09');
    expect(c4).toHaveLength(2); // c5's first binding and c4's second
  });

  it('attributed revenue: base-currency revenue of credited orders, once per order', async () => {
    const rows = await weeklyAttributedRevenue(db, a.workspaceId, period);
    const series = plain(new Map(rows.map((r) => [r.week, new Decimal(r.revenue)])));
    expect(series).toEqual(await directRevenue(a.workspaceId, period));
    // o2 was 500 EUR at 1.10; o3 300 and o4 200 USD in the same week
    expect(series['2026-02-16']).toBe('1050');
  });

  it('rewards by status: net amounts per week of writing, unit and where they stand now', async () => {
    const rows = await weeklyRewardsByStatus(db, a.workspaceId, period, now);
    const sums = new Map<string, Decimal>();
    for (const r of rows) for (const bucket of ['pending', 'payable', 'processing', 'paid'] as const) add(sums, `${r.week} ${r.unit} ${bucket}`, r[bucket]);
    expect(nonZero(plain(sums))).toEqual(nonZero(await directRewards(a.workspaceId, period)));
    // the story means something: every bucket holds money, a refund made a negative week, points are there
    const byBucket = (bucket: string) => rows.some((r) => !new Decimal(r[bucket as 'paid']).isZero());
    expect(['pending', 'payable', 'processing', 'paid'].filter(byBucket)).toEqual(['pending', 'payable', 'processing', 'paid']);
    expect(rows.some((r) => new Decimal(r.payable).isNeg() || new Decimal(r.paid).isNeg())).toBe(true);
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set(['USD', 'points']));
  });

  it('weeks without data come back as zeros once laid over the period', async () => {
    const rows = await weeklyClicks(db, a.workspaceId, period);
    const filled = fillWeeks(period.weeks, rows, ['clicks'], (r) => r);
    expect(filled.map((w) => w.week)).toEqual(['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    expect(rows.some((r) => r.week === '2026-01-26' || r.week === '2026-03-23')).toBe(false);
    expect(filled[0].figures.clicks).toBe('0');
    expect(filled.at(-1)!.figures.clicks).toBe('0');
    const customers = fillWeeks(period.weeks, await weeklyNewCustomers(db, a.workspaceId, period), ['customers'], (r) => r);
    expect(customers.find((w) => w.week === '2026-02-02')!.figures.customers).toBe('0');
  });
});

describe('overview top partners', () => {
  it('by rewards: net per unit, largest first, only partners with entries', async () => {
    const rows = await topPartnersByRewards(db, a.workspaceId, period, now);
    const names = new Map((await db.select().from(partners).where(eq(partners.workspaceId, a.workspaceId))).map((p) => [p.id, p.name]));
    const sums = new Map<string, Decimal>();
    for (const e of await loadEntryStates(db, a.workspaceId)) if (weekIn(period, new Date(e.createdAt!))) add(sums, `${e.unit}|${names.get(e.partnerId)}`, e.amount);
    const expected = [...sums].map(([k, v]) => ({ unit: k.split('|')[0], name: k.split('|')[1], amount: v.toFixed() }))
      .sort((x, y) => new Decimal(y.amount).cmp(x.amount) || x.name.localeCompare(y.name));
    const ofUnit = (list: { unit: string }[], unit: string) => list.filter((r) => r.unit === unit);
    const got = rows.map((r) => ({ unit: r.unit, name: r.name, amount: new Decimal(r.amount).toFixed() }));
    for (const unit of ['USD', 'points']) expect(ofUnit(got, unit)).toEqual(ofUnit(expected, unit));
    expect(got).toHaveLength(expected.length);
    expect(rows.map((r) => r.name)).not.toContain('dan');
    expect(await topPartnersByRewards(db, a.workspaceId, period, now, 1)).toHaveLength(2); // one per unit
  });

  it('by attributed revenue: each order once per partner, largest first', async () => {
    const rows = await topPartnersByRevenue(db, a.workspaceId, period);
    const names = new Map((await db.select().from(partners).where(eq(partners.workspaceId, a.workspaceId))).map((p) => [p.id, p.name]));
    const perOrder = new Map<string, Decimal>();
    for (const c of await directCredits(a.workspaceId)) {
      if (!weekIn(period, c.at)) continue;
      const key = `${c.eventId}|${c.partnerId}`;
      perOrder.set(key, Decimal.max(perOrder.get(key) ?? new Decimal(-Infinity), c.creditedRevenueBase));
    }
    const sums = new Map<string, Decimal>();
    for (const [key, v] of perOrder) add(sums, names.get(key.split('|')[1])!, v);
    const expected = [...sums].map(([name, v]) => ({ name, revenue: v.toFixed() })).sort((x, y) => new Decimal(y.revenue).cmp(x.revenue) || x.name.localeCompare(y.name));
    expect(rows.map((r) => ({ name: r.name, revenue: new Decimal(r.revenue).toFixed() }))).toEqual(expected);
    // o1 and o5 credited ana in both programs: each counted once (1000 + 400 + 150 + 80), not twice
    expect(rows.find((r) => r.name === 'ana')).toMatchObject({ orders: 4 });
    expect(new Decimal(rows.find((r) => r.name === 'ana')!.revenue).toFixed()).toBe('1630');
  });
});

describe('overview tenancy', () => {
  it("never counts another tenant's rows", async () => {
    // B's own figures are exactly its story
    const p = period;
    expect((await weeklyClicks(db, b.workspaceId, p)).map((r) => [r.week, r.clicks])).toEqual([['2026-02-09', 1]]);
    expect((await weeklyNewCustomers(db, b.workspaceId, p)).map((r) => [r.week, r.customers])).toEqual([['2026-02-09', 1]]);
    expect((await weeklyAttributedRevenue(db, b.workspaceId, p)).map((r) => [r.week, new Decimal(r.revenue).toFixed()])).toEqual([['2026-02-09', '200']]);
    const rewards = await weeklyRewardsByStatus(db, b.workspaceId, p, now);
    expect(rewards.map((r) => [r.week, r.unit, new Decimal(r.payable).toFixed(), new Decimal(r.pending).toFixed()])).toEqual([['2026-02-09', 'USD', '20', '0']]);
    expect((await topPartnersByRewards(db, b.workspaceId, p, now)).map((r) => r.name)).toEqual(['zed']);
    expect((await topPartnersByRevenue(db, b.workspaceId, p)).map((r) => r.name)).toEqual(['zed']);
    // and B's click lies in a week where A has clicks too: A's figure is A's alone
    const both = await directClicks([a.workspaceId, b.workspaceId], p);
    const aOnly = (await weeklyClicks(db, a.workspaceId, p)).find((r) => r.week === '2026-02-09')!.clicks;
    expect(String(aOnly)).toBe(new Decimal(both['2026-02-09']).minus(1).toFixed());
  });
});
