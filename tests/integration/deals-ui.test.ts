import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { setUpScenario, type ScenarioIds } from '../../scripts/scenarios/setup';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { linkPartnerToUser } from '../../db/queries/partners';
import { insertUser } from '../../db/queries/users';
import { findDeal, listDealsOfPartners, listDealsOfWorkspace } from '../../db/queries/deals';
import { registerDeal } from '../../lib/server/rewards/deals';
import { dealRegistrations, members, workspaces } from '../../db/schema';
import { formOf } from '../helpers/actions';

// The signed-in user for server actions: the real actions run, only the session is set by the test.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// a page render outside Next has no request: the portal reads its chosen merchant from an empty jar
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: 'portal.test' }), cookies: async () => ({ get: () => undefined }) }));

const { registerDealAction, decideDealAction } = await import('../../lib/actions/deals');
const expireDealsJob = await import('../../app/api/jobs/expire-deals/route');
const { default: MerchantDealsPage } = await import('../../app/(merchant)/m/[workspace]/deals/page');
const { default: PartnerDealsPage } = await import('../../app/(partner)/p/deals/page');

const db = testDatabase();
const form = formOf;
const signInAs = (user: { id: string; email: string }) => (session.current = { user: { id: user.id, email: user.email } });

let a: Awaited<ReturnType<typeof createMerchant>>;
let bOwner: Awaited<ReturnType<typeof createMerchant>>;
let ids: ScenarioIds;
let bSlug: string;
let xUser: { id: string; email: string };
let yUser: { id: string; email: string };
const suffix = uniq('d');
const prospectDomain = `${suffix}.example.com`;

beforeAll(async () => {
  a = await createMerchant(db);
  bOwner = await createMerchant(db);
  // workspace B: partner x approved, partner y still pending, in one program paying 10 USD per order
  ids = await setUpScenario(db, {
    title: 'deals ui',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'p', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'per_order', amount: '10.00' }] }],
    partners: [
      { key: 'x', email: `x-${suffix}@p.test`, enrollments: [{ program: 'p' }] },
      { key: 'y', email: `y-${suffix}@p.test`, enrollments: [{ program: 'p', status: 'pending' }] },
    ],
    steps: [],
    expect: { entries: [] },
  });
  await db.insert(members).values({ workspaceId: ids.workspaceId, userId: bOwner.userId, role: 'owner' });
  [{ slug: bSlug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, ids.workspaceId));
  xUser = await insertUser(db, { email: `x-${suffix}@p.test`, name: 'X', passwordHash: 'x' });
  yUser = await insertUser(db, { email: `y-${suffix}@p.test`, name: 'Y', passwordHash: 'x' });
  await linkPartnerToUser(db, ids.workspaceId, ids.partners.get('x')!, xUser.id);
  await linkPartnerToUser(db, ids.workspaceId, ids.partners.get('y')!, yUser.id);
});

const dealFields = (enrollmentId: string, extra: Record<string, string> = {}) => ({
  enrollmentId, matchType: 'email_domain', matchValue: `@${prospectDomain.toUpperCase()}`, prospectName: 'BigCo', notes: 'met at a fair', expiresDays: '30', ...extra,
});
const dealsOfB = async () => db.select().from(dealRegistrations).where(eq(dealRegistrations.workspaceId, ids.workspaceId));

describe('deal registration through the actions', () => {
  let dealId: string;

  it('a partner registers a deal for its approved enrollment', async () => {
    signInAs(xUser);
    const before = Date.now();
    const result = await registerDealAction(null, form(dealFields(ids.enrollments.get('x|p')!)));
    expect(result).toMatchObject({ ok: true });
    const rows = await dealsOfB();
    expect(rows).toHaveLength(1);
    const [deal] = rows;
    dealId = deal.id;
    expect(deal).toMatchObject({ partnerId: ids.partners.get('x'), programId: ids.programs.get('p'), matchType: 'email_domain', matchValue: prospectDomain, prospectName: 'BigCo', notes: 'met at a fair', status: 'pending' });
    expect(deal.registeredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(deal.expiresAt.getTime() - deal.registeredAt.getTime()).toBe(30 * 86_400_000);
    // the partner's list shows it, with names
    const mine = await listDealsOfPartners(db, [ids.partners.get('x')!], { page: 1, pageSize: 10, asOf: new Date() });
    expect(mine.total).toBe(1);
    expect(mine.rows[0]).toMatchObject({ id: dealId, programName: 'p', partnerName: 'x', status: 'pending' });
  });

  it('validates the fields and defaults the expiry to 90 days', async () => {
    signInAs(xUser);
    const bad = await registerDealAction(null, form(dealFields(ids.enrollments.get('x|p')!, { matchType: 'email', matchValue: 'not-an-email', expiresDays: '400' })));
    expect(bad).toMatchObject({ ok: false, fields: { matchValue: expect.any(String), expiresDays: expect.any(String) } });
    const fine = await registerDealAction(null, form(dealFields(ids.enrollments.get('x|p')!, { matchType: 'customer', matchValue: 'cust-42', expiresDays: '' })));
    expect(fine).toMatchObject({ ok: true });
    const [row] = (await dealsOfB()).filter((d) => d.matchValue === 'cust-42');
    expect(row.expiresAt.getTime() - row.registeredAt.getTime()).toBe(90 * 86_400_000);
  });

  it("cannot register for another partner's enrollment, nor its own pending one: not found", async () => {
    const count = (await dealsOfB()).length;
    signInAs(xUser);
    expect(await registerDealAction(null, form(dealFields(ids.enrollments.get('y|p')!)))).toMatchObject({ ok: false, message: 'Program not found.' });
    signInAs(yUser);
    expect(await registerDealAction(null, form(dealFields(ids.enrollments.get('y|p')!)))).toMatchObject({ ok: false, message: 'Program not found.' });
    // a merchant account without partner records finds nothing either; signed out is told to sign in
    signInAs({ id: a.userId, email: a.email });
    expect(await registerDealAction(null, form(dealFields(ids.enrollments.get('x|p')!)))).toMatchObject({ ok: false, message: 'Program not found.' });
    session.current = null;
    expect(await registerDealAction(null, form(dealFields(ids.enrollments.get('x|p')!)))).toMatchObject({ ok: false, message: expect.stringContaining('sign in') });
    expect(await dealsOfB()).toHaveLength(count);
  });

  it("merchant A cannot approve B's deal, neither through B's slug nor its own workspace", async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await decideDealAction(bSlug, null, form({ dealId, decision: 'approved' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await decideDealAction(a.workspaceSlug, null, form({ dealId, decision: 'approved' }))).toMatchObject({ ok: false, message: 'No pending deal registration with this id.' });
    expect(await findDeal(db, a.scope.workspaceId, dealId, new Date())).toBeUndefined();
    expect((await listDealsOfWorkspace(db, a.scope.workspaceId, { page: 1, pageSize: 10, sort: 'status', dir: 'asc', asOf: new Date() })).total).toBe(0);
    expect((await findDeal(db, ids.workspaceId, dealId, new Date()))?.status).toBe('pending');
    // the partner cannot decide its own registration
    signInAs(xUser);
    expect(await decideDealAction(bSlug, null, form({ dealId, decision: 'approved' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
  });

  it("B's owner approves it; an order from a matching customer then credits the partner", async () => {
    signInAs({ id: bOwner.userId, email: bOwner.email });
    const queue = await listDealsOfWorkspace(db, ids.workspaceId, { page: 1, pageSize: 10, sort: 'status', dir: 'asc', asOf: new Date() });
    expect(queue.rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(await decideDealAction(bSlug, null, form({ dealId, decision: 'approved' }))).toMatchObject({ ok: true });
    expect((await findDeal(db, ids.workspaceId, dealId, new Date()))?.status).toBe('approved');
    // decided once: a second decision finds no pending registration
    expect(await decideDealAction(bSlug, null, form({ dealId, decision: 'rejected' }))).toMatchObject({ ok: false, message: 'No pending deal registration with this id.' });
    const pendingOnly = await listDealsOfWorkspace(db, ids.workspaceId, { page: 1, pageSize: 10, sort: 'registeredAt', dir: 'desc', status: 'pending', asOf: new Date() });
    expect(pendingOnly.rows.map((r) => r.matchValue)).toEqual(['cust-42']);

    const at = new Date(Date.now() + 1000);
    const outcome = await ingestEvent(db, ids.workspaceId, {
      id: `order-${suffix}`, type: 'order', occurredAt: at.toISOString(),
      data: { customer: { externalId: `c-${suffix}`, email: `cto@${prospectDomain}` }, currency: 'USD', coupons: [], lines: [{ product: 'p', amount: '100.00', recurring: false }] },
    }, { source: 'api', now: at });
    expect(outcome.result.entries).toEqual([expect.objectContaining({ partnerId: ids.partners.get('x'), amount: '10.00', kind: 'commission' })]);
  });
});

describe('expiry: derived when reading, persisted by a job', () => {
  const DAY_MS = 86_400_000;
  const storedDeal = async (id: string) => (await db.select().from(dealRegistrations).where(eq(dealRegistrations.id, id)))[0];
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((l, r) => l.id.localeCompare(r.id));
  /** A pending registration made `ageDays` ago for 30 days: overdue now, though nothing has stored that. */
  const overdueDeal = async (name: string, ageDays = 40) => {
    const registeredAt = new Date(Date.now() - ageDays * DAY_MS);
    const { id } = await registerDeal(db, ids.workspaceId, {
      partnerId: ids.partners.get('x')!, programId: ids.programs.get('p')!, match: { email: `${name}-${suffix}@late.test` }, prospectName: name,
      registeredAt, expiresAt: new Date(registeredAt.getTime() + 30 * DAY_MS),
    });
    return id;
  };
  let overdueId: string;

  beforeAll(async () => {
    overdueId = await overdueDeal('Late Co');
  });

  it('a pending registration past its expiry reads as expired in every read, while still stored as pending', async () => {
    const now = new Date();
    expect((await storedDeal(overdueId)).status).toBe('pending');
    expect((await findDeal(db, ids.workspaceId, overdueId, now))?.status).toBe('expired');
    // as of a moment before its expiry it was pending: the status is a function of the read's time
    expect((await findDeal(db, ids.workspaceId, overdueId, new Date(now.getTime() - 15 * DAY_MS)))?.status).toBe('pending');
    const query = { page: 1, pageSize: 50, sort: 'registeredAt' as const, dir: 'desc' as const, asOf: now };
    const expired = await listDealsOfWorkspace(db, ids.workspaceId, { ...query, status: 'expired' });
    expect(expired.rows.map((r) => r.id)).toContain(overdueId);
    expect(expired.rows.every((r) => r.status === 'expired')).toBe(true);
    const pending = await listDealsOfWorkspace(db, ids.workspaceId, { ...query, status: 'pending' });
    expect(pending.rows.map((r) => r.id)).not.toContain(overdueId);
    expect(pending.total).toBe(pending.rows.length);
    const partnerExpired = await listDealsOfPartners(db, [ids.partners.get('x')!], { page: 1, pageSize: 50, status: 'expired', asOf: now });
    expect(partnerExpired.rows.map((r) => r.id)).toContain(overdueId);
    // the review queue sorts it with the expired ones, after every pending registration
    const queue = await listDealsOfWorkspace(db, ids.workspaceId, { ...query, sort: 'status', dir: 'asc' });
    const statuses = queue.rows.map((r) => r.status);
    expect(statuses.indexOf('expired')).toBeGreaterThan(statuses.lastIndexOf('pending'));
  });

  it('rendering the merchant and partner deals pages writes nothing', async () => {
    const before = byId(await dealsOfB());
    signInAs({ id: bOwner.userId, email: bOwner.email });
    await MerchantDealsPage({ params: Promise.resolve({ workspace: bSlug }), searchParams: Promise.resolve({}) });
    await MerchantDealsPage({ params: Promise.resolve({ workspace: bSlug }), searchParams: Promise.resolve({ status: 'expired' }) });
    signInAs(xUser);
    await PartnerDealsPage({ searchParams: Promise.resolve({}) });
    expect(byId(await dealsOfB())).toEqual(before);
    expect((await storedDeal(overdueId)).status).toBe('pending');
  });

  it('cannot be approved; the refused decision stores its expiry', async () => {
    signInAs({ id: bOwner.userId, email: bOwner.email });
    expect(await decideDealAction(bSlug, null, form({ dealId: overdueId, decision: 'approved' }))).toMatchObject({ ok: false, message: 'No pending deal registration with this id.' });
    expect(await storedDeal(overdueId)).toMatchObject({ status: 'expired', decidedAt: null });
  });

  it('the expiry job refuses callers without its secret, then stores the status once', async () => {
    const late = await overdueDeal('Later Co');
    const call = (headers: Record<string, string> = {}) => expireDealsJob.POST(new Request('http://app.test/api/jobs/expire-deals', { method: 'POST', headers }));
    expect((await call()).status).toBe(401);
    expect((await call({ authorization: 'Bearer not-the-job-secret-at-all' })).status).toBe(401);
    expect((await expireDealsJob.GET(new Request('http://app.test/api/jobs/expire-deals'))).status).toBe(401);
    expect((await storedDeal(late)).status).toBe('pending');

    const first = await call({ authorization: `Bearer ${process.env.JOB_SECRET}` });
    expect(first.status).toBe(200);
    expect((await first.json()).expired).toBeGreaterThanOrEqual(1);
    expect(await storedDeal(late)).toMatchObject({ status: 'expired', decidedAt: null });
    // running it again changes nothing; the approved, unexpired registration is untouched throughout
    const after = byId(await dealsOfB());
    const second = await call({ 'x-job-secret': process.env.JOB_SECRET! });
    expect(second.status).toBe(200);
    expect(byId(await dealsOfB())).toEqual(after);
    expect(after.filter((d) => d.status === 'approved').map((d) => d.prospectName)).toEqual(['BigCo']);
  });

  it('a registration that lapsed while pending credits nothing, even for an order dated inside its window', async () => {
    const registeredAt = new Date(Date.now() - 40 * DAY_MS);
    const expiresAt = new Date(registeredAt.getTime() + 30 * DAY_MS);
    const { id } = await registerDeal(db, ids.workspaceId, {
      partnerId: ids.partners.get('x')!, programId: ids.programs.get('p')!, match: { customer: `never-approved-${suffix}` }, prospectName: 'Never Approved Co',
      registeredAt, expiresAt,
    });
    await expireDealsJob.POST(new Request('http://app.test/api/jobs/expire-deals', { method: 'POST', headers: { authorization: `Bearer ${process.env.JOB_SECRET}` } }));
    expect(await storedDeal(id)).toMatchObject({ status: 'expired', decidedAt: null });
    // a late-arriving order that happened while the registration was still open
    const at = new Date(registeredAt.getTime() + 10 * DAY_MS);
    const outcome = await ingestEvent(db, ids.workspaceId, {
      id: `late-order-${suffix}`, type: 'order', occurredAt: at.toISOString(),
      data: { customer: { externalId: `never-approved-${suffix}` }, currency: 'USD', coupons: [], lines: [{ product: 'p', amount: '100.00', recurring: false }] },
    }, { source: 'api', now: new Date() });
    expect(outcome.result.entries).toEqual([]);
  });
});
