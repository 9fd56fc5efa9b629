import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant, PASSWORD } from '../helpers/fixtures';
import { financeAndViewer, formOf, type SessionUser } from '../helpers/actions';
import { joinProgram } from '../../lib/server/enrollments';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { insertProgram } from '../../db/queries/programs';
import { listEnrollmentsOfUser, listPartnerDirectory, listPartnerEnrollments } from '../../db/queries/partners';
import { findPartnerProfile, listCustomersOfPartner, listEnrollmentsOfPartner, listEntriesOfPartner, listLinksOfPartner } from '../../db/queries/partner-detail';
import { listCouponsOfPartner } from '../../db/queries/coupons';
import { coupons, enrollments, enrollmentStatusChanges } from '../../db/schema';

// The partners console's actions run for real through their wrapper; only the session and the
// cache are stood in for.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { changeEnrollmentAction } = await import('../../lib/actions/enrollments');
const { createCouponAction, setCouponDisabledAction } = await import('../../lib/actions/coupons');

const db = testDatabase();
const signInAs = (user: SessionUser) => (session.current = { user: { id: user.id, email: user.email } });

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let owner: SessionUser;
let finance: SessionUser;
let viewer: SessionUser;
let partnerUser: SessionUser;
let partnerId: string;
let enrollmentId: string;
let agencyProgramId: string;
/** a partner of A, to show that B's ids and A's ids never cross */
let partnerOfA: string;

const roleRefusal = (role: string) => ({ ok: false, message: expect.stringMatching(new RegExp(`^Your role \\(${role}\\) cannot do this`)) });
const couponsOf = async (id: string) => (await listCouponsOfPartner(db, b.scope.workspaceId, id)).map((c) => ({ code: c.code, disabled: c.disabled }));

async function join(merchant: typeof b, programSlug: string, name: string) {
  const email = `${uniq(name.toLowerCase())}@p.test`;
  const joined = await joinProgram(db, { workspaceSlug: merchant.workspaceSlug, programSlug }, { form: { name, company: '', email, password: PASSWORD } });
  return { id: joined.userId, email };
}

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  owner = { id: b.userId, email: b.email };
  ({ finance, viewer } = await financeAndViewer(db, b.scope.workspaceId));
  const agency = await insertProgram(db, b.scope.workspaceId, {
    slug: 'agencies', name: 'Agencies', category: 'agency', unit: 'USD', rules: [{ type: 'per_order', amount: '5' }], approvalMode: 'auto',
  });
  agencyProgramId = agency.id;
  partnerUser = await join(b, b.programSlug, 'Pia');
  await join(b, 'agencies', 'Quinn');
  // Pia also joins the agency program (auto-approved) while signed in
  await joinProgram(db, { workspaceSlug: b.workspaceSlug, programSlug: 'agencies' }, { signedInUserId: partnerUser.id, email: partnerUser.email, name: 'Pia' });
  const { rows } = await listPartnerEnrollments(db, b.scope.workspaceId, { page: 1, pageSize: 10, sort: 'name', dir: 'asc' });
  const referral = rows.find((r) => r.email === partnerUser.email && r.programName === 'Referrals')!;
  partnerId = referral.partnerId;
  enrollmentId = referral.enrollmentId;
  await join(a, a.programSlug, 'Alex');
  partnerOfA = (await listPartnerEnrollments(db, a.scope.workspaceId, { page: 1, pageSize: 10, sort: 'name', dir: 'asc' })).rows[0].partnerId;
});

describe('partner directory', () => {
  const query = { page: 1, pageSize: 10, sort: 'name' as const, dir: 'asc' as const };

  it('lists one row per partner with its programs as tags, filtered by status, program and category', async () => {
    const all = await listPartnerDirectory(db, b.scope.workspaceId, query);
    expect(all.total).toBe(2);
    const pia = all.rows.find((r) => r.email === partnerUser.email)!;
    expect(pia.programs).toEqual([
      { enrollmentId: expect.any(String), programId: agencyProgramId, name: 'Agencies', status: 'approved' },
      { enrollmentId, programId: b.programId, name: 'Referrals', status: 'pending' },
    ]);
    const pending = await listPartnerDirectory(db, b.scope.workspaceId, { ...query, status: 'pending' });
    expect(pending.rows.map((r) => r.email)).toEqual([partnerUser.email]);
    // one enrollment must match every filter: Pia is pending in Referrals, not in Agencies
    expect((await listPartnerDirectory(db, b.scope.workspaceId, { ...query, status: 'pending', category: 'agency' })).total).toBe(0);
    expect((await listPartnerDirectory(db, b.scope.workspaceId, { ...query, programId: agencyProgramId })).total).toBe(2);
    expect((await listPartnerDirectory(db, b.scope.workspaceId, { ...query, category: 'referral' })).rows.map((r) => r.email)).toEqual([partnerUser.email]);
    expect((await listPartnerDirectory(db, b.scope.workspaceId, { ...query, search: 'quinn' })).rows.map((r) => r.name)).toEqual(['Quinn']);
    expect((await listPartnerDirectory(db, b.scope.workspaceId, { ...query, search: '%' })).total).toBe(0);
  });

  it("never shows or finds another workspace's partners", async () => {
    const ofA = await listPartnerDirectory(db, a.scope.workspaceId, query);
    expect(ofA.rows.map((r) => r.name)).toEqual(['Alex']);
    expect(await findPartnerProfile(db, a.scope.workspaceId, partnerId)).toBeUndefined();
    for (const list of [listEnrollmentsOfPartner, listLinksOfPartner, listCouponsOfPartner]) {
      expect(await list(db, a.scope.workspaceId, partnerId)).toEqual([]);
    }
    expect((await listCustomersOfPartner(db, a.scope.workspaceId, partnerId)).total).toBe(0);
    expect((await listEntriesOfPartner(db, a.scope.workspaceId, partnerId, { page: 1, pageSize: 10, sort: 'createdAt', dir: 'desc' })).total).toBe(0);
  });
});

describe('roles: finance and viewer members read, they cannot change', () => {
  it('are refused every partner action with the role message, and nothing changes', async () => {
    signInAs(owner);
    expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({ programId: agencyProgramId, code: 'role-test' }))).toMatchObject({ ok: true });
    const [coupon] = await listCouponsOfPartner(db, b.scope.workspaceId, partnerId);
    for (const [member, role] of [[finance, 'finance'], [viewer, 'viewer']] as const) {
      signInAs(member);
      expect(await changeEnrollmentAction(b.workspaceSlug, null, formOf({ enrollmentId, status: 'approved', reason: 'x' }))).toMatchObject(roleRefusal(role));
      expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({ programId: agencyProgramId, code: 'SNEAKY' }))).toMatchObject(roleRefusal(role));
      expect(await setCouponDisabledAction(b.workspaceSlug, null, formOf({ couponId: coupon.id, disabled: 'true' }))).toMatchObject(roleRefusal(role));
      // refused before parsing: an empty form gets the same answer, not field errors
      expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({}))).toMatchObject(roleRefusal(role));
    }
    const [row] = await db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.id, enrollmentId));
    expect(row.status).toBe('pending');
    expect(await couponsOf(partnerId)).toEqual([{ code: 'ROLE-TEST', disabled: false }]);
  });
});

describe('tenancy: a member of another workspace finds nothing', () => {
  it("gets 'not found' for B's workspace, and for every id of B through its own workspace", async () => {
    signInAs({ id: a.userId, email: a.email });
    const [coupon] = await listCouponsOfPartner(db, b.scope.workspaceId, partnerId);
    const workspaceNotFound = { ok: false, message: 'Workspace not found.' };
    expect(await changeEnrollmentAction(b.workspaceSlug, null, formOf({ enrollmentId, status: 'approved' }))).toMatchObject(workspaceNotFound);
    expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({ programId: agencyProgramId, code: 'THEIRS' }))).toMatchObject(workspaceNotFound);
    expect(await setCouponDisabledAction(b.workspaceSlug, null, formOf({ couponId: coupon.id, disabled: 'true' }))).toMatchObject(workspaceNotFound);

    expect(await changeEnrollmentAction(a.workspaceSlug, null, formOf({ enrollmentId, status: 'approved' }))).toMatchObject({ ok: false, message: 'Enrollment not found.' });
    expect(await createCouponAction(a.workspaceSlug, partnerId, null, formOf({ programId: agencyProgramId, code: 'THEIRS' }))).toMatchObject({ ok: false, message: 'Partner not found.' });
    // its own partner with B's program
    expect(await createCouponAction(a.workspaceSlug, partnerOfA, null, formOf({ programId: agencyProgramId, code: 'THEIRS' }))).toMatchObject({
      ok: false, message: 'Program not found.', fields: { programId: expect.any(String) },
    });
    expect(await setCouponDisabledAction(a.workspaceSlug, null, formOf({ couponId: coupon.id, disabled: 'true' }))).toMatchObject({ ok: false, message: 'Coupon not found.' });

    const [row] = await db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.id, enrollmentId));
    expect(row.status).toBe('pending');
    expect(await couponsOf(partnerId)).toEqual([{ code: 'ROLE-TEST', disabled: false }]);
    expect(await db.select().from(coupons).where(eq(coupons.workspaceId, a.scope.workspaceId))).toEqual([]);
  });
});

describe('enrollment decisions', () => {
  it('keep the optional reason with the change, and the partner reads it in the portal', async () => {
    signInAs(owner);
    expect(await changeEnrollmentAction(b.workspaceSlug, null, formOf({ enrollmentId, status: 'rejected', reason: '  Your site has no content yet.  ' }))).toEqual({ ok: true, message: 'Enrollment rejected.' });
    let mine = await listEnrollmentsOfUser(db, partnerUser.id);
    expect(mine.find((e) => e.programName === 'Referrals')).toMatchObject({ status: 'rejected', reason: 'Your site has no content yet.' });
    expect(mine.find((e) => e.programName === 'Agencies')).toMatchObject({ status: 'approved', reason: null });

    // reinstated without a reason: the newest decision speaks, so the old reason is no longer shown
    expect(await changeEnrollmentAction(b.workspaceSlug, null, formOf({ enrollmentId, status: 'approved', reason: '' }))).toMatchObject({ ok: true });
    mine = await listEnrollmentsOfUser(db, partnerUser.id);
    expect(mine.find((e) => e.programName === 'Referrals')).toMatchObject({ status: 'approved', reason: null });
    const changes = await db.select({ status: enrollmentStatusChanges.status, reason: enrollmentStatusChanges.reason }).from(enrollmentStatusChanges)
      .where(eq(enrollmentStatusChanges.enrollmentId, enrollmentId)).orderBy(enrollmentStatusChanges.seq);
    expect(changes).toEqual([
      { status: 'pending', reason: null },
      { status: 'rejected', reason: 'Your site has no content yet.' },
      { status: 'approved', reason: null },
    ]);
    const [detail] = (await listEnrollmentsOfPartner(db, b.scope.workspaceId, partnerId)).filter((e) => e.programName === 'Referrals');
    expect(detail).toMatchObject({ status: 'approved', lastReason: null });
  });

  it('refuse a reason over 500 characters by its field, and a move the rules do not allow', async () => {
    signInAs(owner);
    expect(await changeEnrollmentAction(b.workspaceSlug, null, formOf({ enrollmentId, status: 'suspended', reason: 'x'.repeat(501) }))).toMatchObject({ ok: false, fields: { reason: expect.any(String) } });
    expect(await changeEnrollmentAction(b.workspaceSlug, null, formOf({ enrollmentId, status: 'pending' }))).toMatchObject({ ok: false, fields: { status: expect.any(String) } });
    const [row] = await db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.id, enrollmentId));
    expect(row.status).toBe('approved');
  });
});

describe('coupons', () => {
  it('are unique per workspace whatever the case; a taken code or promotion code id is a field error', async () => {
    signInAs(owner);
    expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({ programId: b.programId, code: 'Pia-10', stripePromotionCodeId: 'promo_123abc' }))).toEqual({
      ok: true, message: 'Coupon PIA-10 created in Referrals.',
    });
    expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({ programId: b.programId, code: 'pia-10' }))).toMatchObject({
      ok: false, fields: { code: 'is already used in this workspace' },
    });
    expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({ programId: b.programId, code: 'PIA-11', stripePromotionCodeId: 'promo_123abc' }))).toMatchObject({
      ok: false, fields: { stripePromotionCodeId: 'is already on coupon PIA-10' },
    });
    // another workspace may use the same code
    signInAs({ id: a.userId, email: a.email });
    const { rows } = await listPartnerEnrollments(db, a.scope.workspaceId, { page: 1, pageSize: 10, sort: 'name', dir: 'asc' });
    await db.update(enrollments).set({ status: 'approved' }).where(eq(enrollments.id, rows[0].enrollmentId));
    expect(await createCouponAction(a.workspaceSlug, partnerOfA, null, formOf({ programId: a.programId, code: 'PIA-10' }))).toMatchObject({ ok: true });
  });

  it('name the field for a malformed code or promotion code id, and need an approved enrollment in an active program', async () => {
    signInAs(owner);
    expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({ programId: b.programId, code: 'a b' }))).toMatchObject({ ok: false, fields: { code: expect.any(String) } });
    expect(await createCouponAction(b.workspaceSlug, partnerId, null, formOf({ programId: b.programId, code: 'OK-CODE', stripePromotionCodeId: 'coupon_1' }))).toMatchObject({
      ok: false, fields: { stripePromotionCodeId: expect.any(String) },
    });
    const quinn = (await listPartnerDirectory(db, b.scope.workspaceId, { page: 1, pageSize: 10, sort: 'name', dir: 'asc', search: 'quinn' })).rows[0];
    // Quinn is approved in Agencies only
    expect(await createCouponAction(b.workspaceSlug, quinn.id, null, formOf({ programId: b.programId, code: 'QUINN' }))).toMatchObject({ ok: false, message: 'Program not found.' });
    await db.update(enrollments).set({ status: 'suspended' }).where(and(eq(enrollments.partnerId, quinn.id), eq(enrollments.programId, agencyProgramId)));
    expect(await createCouponAction(b.workspaceSlug, quinn.id, null, formOf({ programId: agencyProgramId, code: 'QUINN' }))).toMatchObject({
      ok: false, fields: { programId: expect.any(String) },
    });
    expect(await couponsOf(quinn.id)).toEqual([]);
  });

  it('a disabled coupon no longer credits its partner; enabled again, it does', async () => {
    signInAs(owner);
    const [coupon] = (await listCouponsOfPartner(db, b.scope.workspaceId, partnerId)).filter((c) => c.code === 'PIA-10');
    const order = async (n: number) => {
      const at = new Date(Date.now() + n * 1000);
      const { result } = await ingestEvent(db, b.scope.workspaceId, {
        id: `order-${uniq()}`, type: 'order', occurredAt: at.toISOString(),
        data: { customer: { externalId: `c-${uniq()}` }, currency: 'USD', coupons: ['pia-10'], lines: [{ product: 'p', amount: '200.00', recurring: false }] },
      }, { source: 'api', now: at });
      return result.entries.map((e) => ({ partnerId: e.partnerId, programId: e.programId, amount: e.amount })).sort((l, r) => l.amount.localeCompare(r.amount));
    };
    // a coupon counts in every program its partner is approved in (SPEC §4.1): 10% in Referrals, 5 per order in Agencies
    const credited = [{ partnerId, programId: b.programId, amount: '20.00' }, { partnerId, programId: agencyProgramId, amount: '5.00' }];
    expect(await order(1)).toEqual(credited);
    expect(await setCouponDisabledAction(b.workspaceSlug, null, formOf({ couponId: coupon.id, disabled: 'true' }))).toEqual({
      ok: true, message: 'Coupon PIA-10 disabled: it no longer credits anyone.',
    });
    expect(await order(2)).toEqual([]);
    expect(await setCouponDisabledAction(b.workspaceSlug, null, formOf({ couponId: coupon.id, disabled: 'false' }))).toMatchObject({ ok: true, message: 'Coupon PIA-10 enabled.' });
    expect(await order(3)).toEqual(credited);

    // the partner page's ledger and customers show them
    const entries = await listEntriesOfPartner(db, b.scope.workspaceId, partnerId, { page: 1, pageSize: 10, sort: 'createdAt', dir: 'desc' });
    expect(entries.rows.map((e) => `${e.kind} ${e.amount} ${e.programName}`).sort()).toEqual([
      'commission 20.00 Referrals', 'commission 20.00 Referrals', 'commission 5.00 Agencies', 'commission 5.00 Agencies',
    ]);
    const customers = await listCustomersOfPartner(db, b.scope.workspaceId, partnerId);
    expect(customers.total).toBe(4);
    expect(customers.rows.every((c) => c.share === '1' && c.source === 'attribution')).toBe(true);
  });
});
