/**
 * The portal's chosen merchant: a partner of two merchants sees only the chosen one's data on
 * every portal query (earnings, Why?, deals, payouts, bonuses, links and the dashboard); the
 * remembered choice (an httpOnly cookie) is checked against the user's own partner records, so a
 * forged or stale cookie falls back to the first merchant and leaks nothing; another partner's
 * entry, link, deal and payout ids are not found. The dashboard's numbers equal sums made directly
 * over the stored rows.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import Decimal from 'decimal.js';
import { testDatabase, uniq } from '../helpers/db';
import { formOf } from '../helpers/actions';
import { storeClick } from '../helpers/clicks';
import { createMerchant } from '../helpers/fixtures';
import { insertEnrollment, insertPartner, updateEnrollmentStatus } from '../../db/queries/partners';
import { insertLink } from '../../db/queries/tracked-links';
import { insertUser } from '../../db/queries/users';
import { setTimeZone } from '../../db/queries/workspaces';
import { partnerBalances } from '../../db/queries/balances';
import { listPayouts } from '../../db/queries/payouts-list';
import { listDealsOfPartners } from '../../db/queries/deals';
import { listPortalLinks } from '../../db/queries/portal-links';
import { partnerEnrollmentsWithTerms, partnerWeeklyRewards, upcomingPayable } from '../../db/queries/portal-dashboard';
import { programTraffic } from '../../db/queries/portal-dashboard-traffic';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { createPayoutBatch, markPayoutPaid } from '../../lib/server/rewards/payouts';
import { registerPartnerDeal } from '../../lib/server/deal-registration';
import { partnerRewardDetail, partnerRewardsPage } from '../../lib/server/portal-rewards';
import { partnerBonuses } from '../../lib/server/portal-bonuses';
import { parseOverviewPeriod } from '../../lib/domain/overview-period';
import { choosePortalMerchant, PORTAL_WORKSPACE_COOKIE } from '../../lib/domain/portal-workspace';
import { BALANCE_BUCKETS } from '../../lib/domain/ledger';
import { bindings, bindingShares, clicks, dealRegistrations, ledgerEntries, payoutItems, payouts } from '../../db/schema';

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
const jar = vi.hoisted(() => ({ values: new Map<string, string>(), sets: [] as { name: string; value: string; opts: Record<string, unknown> }[] }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: 'portal.test' }),
  cookies: async () => ({
    get: (name: string) => (jar.values.has(name) ? { name, value: jar.values.get(name)! } : undefined),
    set: (name: string, value: string, opts: Record<string, unknown>) => {
      jar.values.set(name, value);
      jar.sets.push({ name, value, opts });
    },
  }),
}));

const { loadPortalScope, requirePortalScope, portalScopeForSlug } = await import('../../lib/server/portal-scope');
const { choosePortalWorkspaceAction } = await import('../../lib/actions/portal-workspace');
const { default: PartnerEntryPage } = await import('../../app/(partner)/p/earnings/[entryId]/page');

const db = testDatabase();
const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);

type Merchant = Awaited<ReturnType<typeof createMerchant>>;
let a: Merchant;
let b: Merchant;
let c: Merchant;
let user: { id: string; email: string; name: string | null };
let other: { id: string; email: string; name: string | null };
let pA: string; // the user's partner record with merchant A
let pB: string; // … with merchant B
let vA: string; // another user's partner record with merchant A
let vC: string; // the other user's record with merchant C, where the user has none
const entries = new Map<string, string>(); // order id → its commission entry id

async function partnerOf(m: Merchant, userId: string | null, name: string) {
  const { id } = await insertPartner(db, m.scope.workspaceId, { email: `${uniq(name)}@p.test`, name, userId });
  await insertEnrollment(db, { workspaceId: m.scope.workspaceId, partnerId: id, programId: m.programId, status: 'approved', at: ago(120) });
  await insertLink(db, { workspaceId: m.scope.workspaceId, partnerId: id, programId: m.programId, code: `code-${id.slice(0, 8)}`, destinationUrl: 'https://shop.example/' });
  return id;
}

/** An order credited to a partner through its link code (10% of the amount, payable 30 days later). */
async function order(m: Merchant, partnerId: string, at: Date, amount: string, extra: Record<string, unknown> = {}) {
  const id = uniq('ord');
  const out = await ingestEvent(db, m.scope.workspaceId, {
    id, type: 'order', occurredAt: at.toISOString(),
    data: { customer: { externalId: uniq('cus') }, currency: 'USD', partnerCode: `code-${partnerId.slice(0, 8)}`, lines: [{ product: 'suite', amount }], coupons: [], ...extra },
  } as never, { source: 'api', now: at });
  const [entry] = out.result.entries;
  expect(entry?.partnerId).toBe(partnerId);
  entries.set(id, entry.id);
  return id;
}

const asUser = (u: { id: string; email: string }) => (session.current = { user: { id: u.id, email: u.email } });
const sessionUser = (u: { id: string; email: string; name: string | null }) => ({ id: u.id, email: u.email, name: u.name });

beforeAll(async () => {
  a = await createMerchant(db, { approvalMode: 'auto' });
  b = await createMerchant(db, { approvalMode: 'auto' });
  c = await createMerchant(db, { approvalMode: 'auto' });
  // A shows days in Auckland (UTC+13 in summer): the upcoming days are local days, not UTC's
  await setTimeZone(db, a.scope.workspaceId, 'Pacific/Auckland');
  const u = await insertUser(db, { email: `${uniq('two')}@users.test`, name: 'Two Merchants', passwordHash: 'x' });
  const o = await insertUser(db, { email: `${uniq('oth')}@users.test`, name: 'Other', passwordHash: 'x' });
  user = { id: u.id, email: u.email, name: 'Two Merchants' };
  other = { id: o.id, email: o.email, name: 'Other' };
  pA = await partnerOf(a, user.id, 'Tess');
  pB = await partnerOf(b, user.id, 'Tess');
  vA = await partnerOf(a, other.id, 'Vic');
  vC = await partnerOf(c, other.id, 'Vic');

  // A: paid (o1), processing (o2), payable (o3), pending (o4, o5 partly refunded) for Tess; Vic too
  await order(a, pA, ago(90), '200.00');
  await order(a, vA, ago(89), '500.00');
  const batch1 = await createPayoutBatch(db, a.scope.workspaceId, { reference: uniq('b1'), at: ago(55) });
  for (const p of batch1.payouts) await markPayoutPaid(db, a.scope.workspaceId, p.id, 'TRF-1', ago(54));
  await order(a, pA, ago(50), '300.00');
  await order(a, vA, ago(49), '700.00');
  await createPayoutBatch(db, a.scope.workspaceId, { reference: uniq('b2'), at: ago(15) });
  await order(a, pA, ago(40), '120.00');
  await order(a, pA, ago(5), '400.00');
  const o5 = await order(a, pA, ago(3), '250.00');
  await ingestEvent(db, a.scope.workspaceId, { id: uniq('ref'), type: 'refund', occurredAt: ago(2).toISOString(), data: { orderId: o5, amount: '50.00' } } as never, { source: 'api', now: ago(2) });
  // B: one pending reward for Tess
  await order(b, pB, ago(4), '1000.00');
  // C: Vic only
  await order(c, vC, ago(4), '80.00');

  // clicks on Tess's A link: two visitors (one twice), a bot; one visitor buys through the click
  const code = `code-${pA.slice(0, 8)}`;
  await storeClick(db, a.scope.workspaceId, { linkCode: code, visitorId: 'v-1', at: ago(8) });
  await storeClick(db, a.scope.workspaceId, { linkCode: code, visitorId: 'v-1', at: ago(7) });
  await storeClick(db, a.scope.workspaceId, { linkCode: code, visitorId: 'v-2', at: ago(7) });
  await storeClick(db, a.scope.workspaceId, { linkCode: code, visitorId: 'bot-1', at: ago(7), bot: true });
  await ingestEvent(db, a.scope.workspaceId, {
    id: uniq('ord'), type: 'order', occurredAt: ago(6).toISOString(),
    data: { customer: { externalId: uniq('cus') }, currency: 'USD', visitorId: 'v-1', lines: [{ product: 'suite', amount: '100.00' }], coupons: [] },
  } as never, { source: 'api', now: ago(6) });
  await storeClick(db, b.scope.workspaceId, { linkCode: `code-${pB.slice(0, 8)}`, visitorId: 'v-b', at: ago(6) });

  // deal registrations: Tess with B, Vic with A
  const [tessB] = await partnerEnrollmentsWithTerms(db, b.scope.workspaceId, pB);
  await registerPartnerDeal(db, { partnerIds: [pA, pB] }, { enrollmentId: tessB.enrollmentId, matchType: 'email', matchValue: 'buyer@bigco.test', prospectName: 'BigCo', expiresDays: 90 });
  const [vicA] = await partnerEnrollmentsWithTerms(db, a.scope.workspaceId, vA);
  await registerPartnerDeal(db, { partnerIds: [vA] }, { enrollmentId: vicA.enrollmentId, matchType: 'email', matchValue: 'x@vic.test', prospectName: 'VicCo', expiresDays: 90 });
});

/** Everything the portal's pages read for one chosen scope, as the pages call it. */
async function portalReads(partnerId: string, workspaceId: string, timeZone: string) {
  const period = parseOverviewPeriod({ from: ago(120).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) }, now, timeZone);
  return {
    balances: await partnerBalances(db, workspaceId, now, partnerId),
    rewards: await partnerRewardsPage(db, [partnerId], { page: 1, pageSize: 100, sort: 'createdAt', dir: 'asc' }),
    payouts: await listPayouts(db, { partnerIds: [partnerId] }, { page: 1, pageSize: 100 }),
    deals: await listDealsOfPartners(db, [partnerId], { page: 1, pageSize: 100, asOf: now }),
    bonuses: await partnerBonuses(db, [{ id: partnerId, workspaceId }], now),
    links: await listPortalLinks(db, { workspaceId, partnerId }, { page: 1, pageSize: 100, sort: 'createdAt', dir: 'desc' }),
    weekly: await partnerWeeklyRewards(db, workspaceId, partnerId, period, now),
    upcoming: await upcomingPayable(db, workspaceId, partnerId, now, timeZone, 100),
    enrollments: await partnerEnrollmentsWithTerms(db, workspaceId, partnerId),
    traffic: await programTraffic(db, { workspaceId, partnerId }),
    period,
  };
}

const entryIdsOf = async (partnerId: string) =>
  (await db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.partnerId, partnerId))).map((r) => r.id).sort();
const payoutIdsOf = async (partnerId: string) => (await db.select({ id: payouts.id }).from(payouts).where(eq(payouts.partnerId, partnerId))).map((r) => r.id).sort();
const dealIdsOf = async (partnerId: string) =>
  (await db.select({ id: dealRegistrations.id }).from(dealRegistrations).where(eq(dealRegistrations.partnerId, partnerId))).map((r) => r.id).sort();

describe('the remembered merchant', () => {
  it('picks the remembered merchant when it is one of the user’s, else the first by name', () => {
    const merchants = [{ slug: 'alpha' }, { slug: 'beta' }];
    expect(choosePortalMerchant(merchants, 'beta')).toBe(merchants[1]);
    expect(choosePortalMerchant(merchants, 'gamma')).toBe(merchants[0]);
    expect(choosePortalMerchant(merchants, undefined)).toBe(merchants[0]);
    expect(choosePortalMerchant([], 'alpha')).toBeUndefined();
  });

  it('reads the cookie, and falls back on a stale, foreign or made-up slug', async () => {
    const chosen = [{ slug: a.workspaceSlug, partner: pA }, { slug: b.workspaceSlug, partner: pB }];
    jar.values.clear();
    const first = await loadPortalScope(sessionUser(user));
    expect(first?.merchants.map((m) => m.partnerId).sort()).toEqual([pA, pB].sort());
    // no cookie: the first merchant by name
    expect(first?.partner.id).toBe(first?.merchants[0].partnerId);
    for (const m of chosen) {
      jar.values.set(PORTAL_WORKSPACE_COOKIE, m.slug);
      const scope = await loadPortalScope(sessionUser(user));
      expect(scope?.partner.id).toBe(m.partner);
      expect(scope?.workspace.slug).toBe(m.slug);
    }
    // C has the other user's partner record, none of this user's; then a slug nobody has
    for (const forged of [c.workspaceSlug, 'no-such-workspace', '']) {
      jar.values.set(PORTAL_WORKSPACE_COOKIE, forged);
      const scope = await loadPortalScope(sessionUser(user));
      expect(scope?.partner.id).toBe(first?.partner.id);
      expect(scope?.merchants.map((m) => m.workspaceId)).not.toContain(c.scope.workspaceId);
    }
    // the other user with A's cookie sees its own record there, never Tess's
    jar.values.set(PORTAL_WORKSPACE_COOKIE, a.workspaceSlug);
    expect((await loadPortalScope(sessionUser(other)))?.partner.id).toBe(vA);
  });

  it('carries the workspace’s time zone, and names the workspace explicitly only for its own partners', async () => {
    jar.values.set(PORTAL_WORKSPACE_COOKIE, a.workspaceSlug);
    expect((await loadPortalScope(sessionUser(user)))?.workspace.timeZone).toBe('Pacific/Auckland');
    expect((await portalScopeForSlug(sessionUser(user), b.workspaceSlug)).partner.id).toBe(pB);
    await expect(portalScopeForSlug(sessionUser(user), c.workspaceSlug)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is null for someone who is nobody’s partner, and requirePortalScope sends them to /p', async () => {
    const stranger = await insertUser(db, { email: `${uniq('new')}@users.test`, name: 'New', passwordHash: 'x' });
    expect(await loadPortalScope({ id: stranger.id, email: stranger.email, name: 'New' })).toBeNull();
    asUser(stranger);
    await expect(requirePortalScope()).rejects.toMatchObject({ digest: expect.stringContaining('/p') });
  });

  it('the switcher’s action remembers only the user’s own merchants, in an httpOnly cookie', async () => {
    asUser(user);
    jar.sets.length = 0;
    expect(await choosePortalWorkspaceAction(null, formOf({ workspace: b.workspaceSlug }))).toMatchObject({ ok: true });
    expect(jar.sets).toEqual([{ name: PORTAL_WORKSPACE_COOKIE, value: b.workspaceSlug, opts: expect.objectContaining({ httpOnly: true, sameSite: 'lax', path: '/' }) }]);
    for (const foreign of [c.workspaceSlug, 'no-such-workspace']) {
      expect(await choosePortalWorkspaceAction(null, formOf({ workspace: foreign }))).toEqual({ ok: false, message: 'Merchant not found.' });
    }
    expect(await choosePortalWorkspaceAction(null, formOf({ workspace: '' }))).toMatchObject({ ok: false, fields: { workspace: 'choose a merchant' } });
    expect(jar.sets).toHaveLength(1);
    session.current = null;
    expect(await choosePortalWorkspaceAction(null, formOf({ workspace: b.workspaceSlug }))).toMatchObject({ ok: false });
    expect(jar.sets).toHaveLength(1);
  });
});

describe('every portal query reads the chosen merchant only', () => {
  it.each([
    ['A', () => ({ partnerId: pA, otherPartner: pB, ws: a, tz: 'Pacific/Auckland' })],
    ['B', () => ({ partnerId: pB, otherPartner: pA, ws: b, tz: 'UTC' })],
  ])('with %s chosen', async (_name, pick) => {
    const { partnerId, otherPartner, ws, tz } = pick();
    const reads = await portalReads(partnerId, ws.scope.workspaceId, tz);
    expect(reads.balances.every((r) => r.partnerId === partnerId)).toBe(true);
    expect(reads.rewards.rows.map((r) => r.id).sort()).toEqual(await entryIdsOf(partnerId));
    expect(reads.payouts.rows.map((r) => r.id).sort()).toEqual(await payoutIdsOf(partnerId));
    expect(reads.deals.rows.map((r) => r.id).sort()).toEqual(await dealIdsOf(partnerId));
    expect(reads.bonuses.every((p) => p.workspaceId === ws.scope.workspaceId)).toBe(true);
    expect(reads.links.rows.map((l) => l.code)).toEqual([`code-${partnerId.slice(0, 8)}`]);
    expect(reads.enrollments.map((e) => e.programId)).toEqual([ws.programId]);
    expect(reads.traffic.map((t) => t.programId)).toEqual([ws.programId]);
    // nothing of the user's other merchant, nor of the other partners, appears anywhere
    const json = JSON.stringify(reads);
    for (const id of [...(await entryIdsOf(otherPartner)), ...(await entryIdsOf(vA)), ...(await payoutIdsOf(vA)), ...(await dealIdsOf(otherPartner)), ...(await dealIdsOf(vA))]) {
      expect(json).not.toContain(id);
    }
    expect(json).not.toContain(otherPartner);
  });

  it('another partner’s entry is not found by the Why? page, nor the user’s own with the other merchant chosen', async () => {
    asUser(user);
    jar.values.set(PORTAL_WORKSPACE_COOKIE, a.workspaceSlug);
    const [vicEntry] = await entryIdsOf(vA);
    const [tessB] = await entryIdsOf(pB);
    const [tessA] = await entryIdsOf(pA);
    expect(await partnerRewardDetail(db, [pA], tessA)).toMatchObject({ id: tessA });
    for (const id of [vicEntry, tessB, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      await expect(PartnerEntryPage({ params: Promise.resolve({ entryId: id }) })).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    }
    // once B is chosen, its entry opens and A's does not
    jar.values.set(PORTAL_WORKSPACE_COOKIE, b.workspaceSlug);
    await expect(PartnerEntryPage({ params: Promise.resolve({ entryId: tessB }) })).resolves.toBeTruthy();
    await expect(PartnerEntryPage({ params: Promise.resolve({ entryId: tessA }) })).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    // a forged cookie for C falls back to the first merchant: still nothing of Vic's
    jar.values.set(PORTAL_WORKSPACE_COOKIE, c.workspaceSlug);
    const [vicC] = await entryIdsOf(vC);
    await expect(PartnerEntryPage({ params: Promise.resolve({ entryId: vicC }) })).rejects.toMatchObject({ digest: expect.stringContaining('404') });
  });

  it('another partner’s link, deal enrollment and payout ids are not the user’s', async () => {
    const vicLinks = await listPortalLinks(db, { workspaceId: a.scope.workspaceId, partnerId: pA }, { page: 1, pageSize: 100, sort: 'createdAt', dir: 'desc' });
    expect(vicLinks.rows.map((l) => l.code)).not.toContain(`code-${vA.slice(0, 8)}`);
    // a link page of a workspace with no partner record of the user's: empty
    expect((await listPortalLinks(db, { workspaceId: c.scope.workspaceId, partnerId: pA }, { page: 1, pageSize: 100, sort: 'createdAt', dir: 'desc' })).rows).toEqual([]);
    const [vicEnrollment] = await partnerEnrollmentsWithTerms(db, a.scope.workspaceId, vA);
    await expect(registerPartnerDeal(db, { partnerIds: [pA, pB] }, { enrollmentId: vicEnrollment.enrollmentId, matchType: 'email', matchValue: 'y@z.test', prospectName: 'Y', expiresDays: 30 }))
      .rejects.toMatchObject({ code: 'not_found' });
    const vicPayouts = await payoutIdsOf(vA);
    expect(vicPayouts.length).toBeGreaterThan(0);
    const mine = await listPayouts(db, { partnerIds: [pA] }, { page: 1, pageSize: 100 });
    expect(mine.rows.some((r) => vicPayouts.includes(r.id))).toBe(false);
    // the dashboard's queries with a partner id of another workspace find nothing there
    expect(await partnerBalances(db, c.scope.workspaceId, now, pA)).toEqual([]);
    expect(await upcomingPayable(db, c.scope.workspaceId, pA, now, 'UTC')).toEqual([]);
    expect(await partnerEnrollmentsWithTerms(db, c.scope.workspaceId, pA)).toEqual([]);
    expect(await programTraffic(db, { workspaceId: c.scope.workspaceId, partnerId: pA })).toEqual([]);
  });
});

describe('the dashboard’s numbers equal direct sums over the stored rows', () => {
  /** §5 by hand: an entry in a live (not failed) payout is processing or paid by the payout, else pending or payable by its date. */
  async function directBuckets(partnerId: string) {
    const rows = await db
      .select({ id: ledgerEntries.id, amount: ledgerEntries.amount, unit: ledgerEntries.unit, payableAt: ledgerEntries.payableAt, payout: payouts.status })
      .from(ledgerEntries)
      .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
      .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
      .where(eq(ledgerEntries.partnerId, partnerId));
    const sums = { pending: new Decimal(0), payable: new Decimal(0), processing: new Decimal(0), paid: new Decimal(0) };
    const bucketOf = (r: (typeof rows)[number]) =>
      r.payout === 'processing' ? 'processing' : r.payout === 'paid' ? 'paid' : r.payableAt > now ? 'pending' : 'payable';
    for (const r of rows) sums[bucketOf(r)] = sums[bucketOf(r)].plus(r.amount);
    return { rows, bucketOf, sums };
  }

  it('balances by status, each bucket used, over weeks and by upcoming day', async () => {
    const reads = await portalReads(pA, a.scope.workspaceId, 'Pacific/Auckland');
    const { rows, bucketOf, sums } = await directBuckets(pA);
    const [usd] = reads.balances;
    expect(reads.balances).toHaveLength(1);
    for (const k of BALANCE_BUCKETS) {
      expect(new Decimal(usd[k]).eq(sums[k])).toBe(true);
      expect(sums[k].gt(0)).toBe(true); // the fixture puts money in every bucket
    }
    // pending: 40 (o4) + 25 − 5 refunded (o5) + 10 (bought through the click); payable 12 (o3); processing 30 (o2); paid 20 (o1)
    expect([usd.pending, usd.payable, usd.processing, usd.paid].map((v) => new Decimal(v).toFixed(2))).toEqual(['70.00', '12.00', '30.00', '20.00']);

    // the weekly chart's buckets add up to the balances (the period covers every entry)
    for (const k of BALANCE_BUCKETS) {
      const total = reads.weekly.reduce((s, w) => s.plus(w[k]), new Decimal(0));
      expect(total.eq(sums[k])).toBe(true);
    }
    expect(reads.weekly.every((w) => reads.period.weeks.includes(w.week))).toBe(true);

    // upcoming: pending entries grouped by their local payable day in Auckland
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland', year: 'numeric', month: '2-digit', day: '2-digit' });
    const byDay = new Map<string, Decimal>();
    for (const r of rows.filter((x) => bucketOf(x) === 'pending')) {
      const day = local.format(r.payableAt);
      byDay.set(day, (byDay.get(day) ?? new Decimal(0)).plus(r.amount));
    }
    const expected = [...byDay.entries()].filter(([, v]) => !v.isZero()).sort(([x], [y]) => x.localeCompare(y)).map(([day, v]) => ({ day, amount: v.toFixed(2) }));
    expect(reads.upcoming.map((u) => ({ day: u.day, amount: new Decimal(u.amount).toFixed(2) }))).toEqual(expected);
    expect(reads.upcoming.reduce((s, u) => s.plus(u.amount), new Decimal(0)).eq(sums.pending)).toBe(true);
    // only the next few days when asked for fewer
    expect(await upcomingPayable(db, a.scope.workspaceId, pA, now, 'Pacific/Auckland', 1)).toEqual([reads.upcoming[0]]);
  });

  it('clicks, visitors, customers and conversion per program, against the click and binding rows', async () => {
    const [row] = await programTraffic(db, { workspaceId: a.scope.workspaceId, partnerId: pA });
    const human = await db.select({ visitorId: clicks.visitorId }).from(clicks).where(and(eq(clicks.partnerId, pA), eq(clicks.isBot, false)));
    const customers = await db
      .selectDistinct({ customerId: bindings.customerId })
      .from(bindingShares)
      .innerJoin(bindings, eq(bindings.id, bindingShares.bindingId))
      .where(and(eq(bindingShares.partnerId, pA), eq(bindings.programId, a.programId)));
    expect(row).toEqual({
      programId: a.programId, programName: 'Referrals', links: 1,
      clicks: human.length, visitors: new Set(human.map((h) => h.visitorId)).size,
      customersFromLinks: 1, allCustomers: customers.length,
    });
    expect(row).toMatchObject({ clicks: 3, visitors: 2, allCustomers: 6 });
    // the program's figures are its links' figures on the links page
    const links = await listPortalLinks(db, { workspaceId: a.scope.workspaceId, partnerId: pA }, { page: 1, pageSize: 100, sort: 'createdAt', dir: 'desc' });
    expect(links.rows.map((l) => [l.clicks, l.visitors, l.customers])).toEqual([[row.clicks, row.visitors, row.customersFromLinks]]);
  });

  it('enrollments carry the merchant’s latest words and the partner’s own rules when it has some', async () => {
    const { id: late } = await insertPartner(db, b.scope.workspaceId, { email: `${uniq('late')}@p.test`, name: 'Late' });
    await insertEnrollment(db, { workspaceId: b.scope.workspaceId, partnerId: late, programId: b.programId, status: 'pending', at: ago(3) });
    const [pending] = await partnerEnrollmentsWithTerms(db, b.scope.workspaceId, late);
    expect(pending).toMatchObject({ status: 'pending', reason: null, ownRules: null, rules: [{ type: 'one_time_share', percent: '10' }] });
    await updateEnrollmentStatus(db, b.scope.workspaceId, pending.enrollmentId, 'rejected', ago(1), 'We need two references.');
    const [decided] = await partnerEnrollmentsWithTerms(db, b.scope.workspaceId, late);
    expect(decided).toMatchObject({ status: 'rejected', reason: 'We need two references.', decidedAt: ago(1) });
  });
});
