import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant, PASSWORD } from '../helpers/fixtures';
import { joinProgram } from '../../lib/server/enrollments';
import { listPartnerEnrollments, listEnrollmentsOfUser } from '../../db/queries/partners';
import { listPrograms } from '../../db/queries/programs';
import { listEvents } from '../../db/queries/events';
import { resolveMerchantScope } from '../../lib/server/access';
import { formOf } from '../helpers/actions';

// The signed-in user for server actions: the real actions run, only the session is set by the test.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { createProgramAction } = await import('../../lib/actions/merchant');
const { changeEnrollmentAction } = await import('../../lib/actions/enrollments');
const { createPayoutBatchAction, settlePayoutAction } = await import('../../lib/actions/payouts');
const { closePoolAction } = await import('../../lib/actions/pools');

const db = testDatabase();
let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let partnerUserId: string;
let enrollmentOfB: string;

const form = formOf;
const signInAs = (id: string, email: string) => (session.current = { user: { id, email } });
const programForm = { name: 'Injected', category: 'referral', unit: 'USD', ruleType: 'per_order', ruleValue: '5' };

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  const joined = await joinProgram(db, { workspaceSlug: b.workspaceSlug, programSlug: b.programSlug }, {
    form: { name: 'Partner of B', company: '', email: `${uniq('pb')}@p.test`, password: PASSWORD },
  });
  partnerUserId = joined.userId;
  const { rows } = await listPartnerEnrollments(db, b.scope.workspaceId, { page: 1, pageSize: 10, sort: 'name', dir: 'asc' });
  enrollmentOfB = rows[0].enrollmentId;
});

describe('tenant isolation', () => {
  it('a member of A resolves no scope in B: not_found, exactly like a workspace that does not exist', async () => {
    await expect(resolveMerchantScope(a.userId, b.workspaceSlug)).rejects.toMatchObject({ code: 'not_found' });
    await expect(resolveMerchantScope(a.userId, 'no-such-workspace')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a partner has no merchant scope in the workspace it is enrolled in', async () => {
    await expect(resolveMerchantScope(partnerUserId, b.workspaceSlug)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('A cannot create a program in B through the action', async () => {
    signInAs(a.userId, a.email);
    const before = await listPrograms(db, b.scope.workspaceId);
    const result = await createProgramAction(b.workspaceSlug, null, form(programForm));
    expect(result).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await listPrograms(db, b.scope.workspaceId)).toEqual(before);
    // the same action works in A's own workspace, so the refusal above is about the tenant
    expect(await createProgramAction(a.workspaceSlug, null, form(programForm))).toMatchObject({ ok: true });
  });

  it("A cannot approve B's enrollment, neither through B's slug nor by passing B's id to A's workspace", async () => {
    signInAs(a.userId, a.email);
    const viaB = await changeEnrollmentAction(b.workspaceSlug, null, form({ enrollmentId: enrollmentOfB, status: 'approved' }));
    expect(viaB).toMatchObject({ ok: false, message: 'Workspace not found.' });
    const viaA = await changeEnrollmentAction(a.workspaceSlug, null, form({ enrollmentId: enrollmentOfB, status: 'approved' }));
    expect(viaA).toMatchObject({ ok: false, message: 'Enrollment not found.' });
    const { rows } = await listPartnerEnrollments(db, b.scope.workspaceId, { page: 1, pageSize: 10, sort: 'name', dir: 'asc' });
    expect(rows[0].status).toBe('pending');
    // B's owner can
    signInAs(b.userId, b.email);
    expect(await changeEnrollmentAction(b.workspaceSlug, null, form({ enrollmentId: enrollmentOfB, status: 'approved' }))).toMatchObject({ ok: true });
  });

  it('a partner cannot use merchant actions, and a signed-out caller is told to sign in', async () => {
    signInAs(partnerUserId, 'p@p.test');
    expect(await createProgramAction(b.workspaceSlug, null, form(programForm))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    session.current = null;
    expect(await createProgramAction(a.workspaceSlug, null, form(programForm))).toMatchObject({ ok: false, message: expect.stringContaining('sign in') });
  });

  it("list queries return only the tenant's rows", async () => {
    const ofA = await listPartnerEnrollments(db, a.scope.workspaceId, { page: 1, pageSize: 100, sort: 'name', dir: 'asc' });
    expect(ofA.rows.find((r) => r.enrollmentId === enrollmentOfB)).toBeUndefined();
    expect((await listPrograms(db, a.scope.workspaceId)).every((p) => p.name !== 'Referrals' || p.id !== b.programId)).toBe(true);
    expect((await listEvents(db, a.scope.workspaceId, { page: 1, pageSize: 10, sort: 'occurredAt', dir: 'desc' })).total).toBe(0);
    // the partner portal shows a user only its own enrollments
    expect(await listEnrollmentsOfUser(db, a.userId)).toEqual([]);
    expect((await listEnrollmentsOfUser(db, partnerUserId)).map((e) => e.workspaceSlug)).toEqual([b.workspaceSlug]);
  });

  it('a viewer of a workspace cannot change it', async () => {
    signInAs(b.userId, b.email);
    const { members } = await import('../../db/schema');
    const { insertUser } = await import('../../db/queries/users');
    const viewer = await insertUser(db, { email: `${uniq('viewer')}@m.test`, name: 'V', passwordHash: 'x' });
    await db.insert(members).values({ workspaceId: b.scope.workspaceId, userId: viewer.id, role: 'viewer' });
    signInAs(viewer.id, 'v@m.test');
    expect(await createProgramAction(b.workspaceSlug, null, form(programForm))).toMatchObject({ ok: false, message: expect.stringContaining('viewer') });
  });
});

describe('tenant isolation of money', () => {
  it("A can neither batch, settle nor close pools in B, nor read B's entries", async () => {
    const { setUpScenario } = await import('../../scripts/scenarios/setup');
    const { ingestEvent } = await import('../../lib/server/rewards/ingest-event');
    const { storeClick } = await import('../helpers/clicks');
    const { createPayoutBatch } = await import('../../lib/server/rewards/payouts');
    const { findEntry } = await import('../../db/queries/ledger-list');
    const { payouts, ledgerEntries } = await import('../../db/schema');
    const { eq } = await import('drizzle-orm');
    const code = uniq('l');
    // B's money: one paid-out-able entry, one processing payout, one pool
    const ids = await setUpScenario(db, {
      title: 'B money', workspace: { baseCurrency: 'USD' },
      programs: [{ key: 'p', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'per_order', amount: '10.00' }] }],
      pools: [{ key: 'q', unit: 'USD', amount: '5.00', period: 'quarter', programs: ['p'], metric: 'revenue', goal: '0' }],
      partners: [{ key: 'x', email: `${code}@p.test`, enrollments: [{ program: 'p' }], links: [{ code }] }],
      steps: [], expect: { entries: [] },
    });
    const { members } = await import('../../db/schema');
    await db.insert(members).values({ workspaceId: ids.workspaceId, userId: b.userId, role: 'owner' });
    await storeClick(db, ids.workspaceId, { linkCode: code, visitorId: 'v', at: new Date('2026-01-01T00:00:00Z') });
    await ingestEvent(db, ids.workspaceId, { id: 'o', type: 'order', occurredAt: '2026-01-02T00:00:00Z', data: { customer: { externalId: 'c' }, currency: 'USD', visitorId: 'v', coupons: [], lines: [{ product: 'x', amount: '1.00', recurring: false }] } }, { source: 'api', now: new Date('2026-01-02T00:00:00Z') });
    await createPayoutBatch(db, ids.workspaceId, { reference: 'b', at: new Date('2026-01-03T00:00:00Z') });
    const [payout] = await db.select().from(payouts).where(eq(payouts.workspaceId, ids.workspaceId));
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, ids.workspaceId));
    const { workspaces } = await import('../../db/schema');
    const [wsB] = await db.select().from(workspaces).where(eq(workspaces.id, ids.workspaceId));

    signInAs(a.userId, a.email);
    expect(await createPayoutBatchAction(wsB.slug, null, form({ reference: 'steal' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await settlePayoutAction(wsB.slug, null, form({ payoutId: payout.id, outcome: 'paid', note: 'x' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await settlePayoutAction(a.workspaceSlug, null, form({ payoutId: payout.id, outcome: 'failed', note: 'x' }))).toMatchObject({ ok: false, message: 'No processing payout with this id.' });
    expect(await closePoolAction(a.workspaceSlug, null, form({ poolId: ids.pools.get('q')!, period: '2026-Q1' }))).toMatchObject({ ok: false, message: 'Pool not found.' });
    expect(await findEntry(db, { workspaceId: a.scope.workspaceId }, entry.id)).toBeUndefined();
    expect(await findEntry(db, { partnerIds: [] }, entry.id)).toBeUndefined();
    const [still] = await db.select().from(payouts).where(eq(payouts.id, payout.id));
    expect(still.status).toBe('processing');
    // B's own owner can settle it
    signInAs(b.userId, b.email);
    expect(await settlePayoutAction(wsB.slug, null, form({ payoutId: payout.id, outcome: 'paid', note: 'TRF-1' }))).toMatchObject({ ok: true });
  });
});
