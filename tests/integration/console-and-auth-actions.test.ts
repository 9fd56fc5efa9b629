import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant, PASSWORD } from '../helpers/fixtures';
import { joinProgram } from '../../lib/server/enrollments';
import { registerDeal } from '../../lib/server/rewards/deals';
import { listPartnerEnrollments, listEnrollmentsOfUser } from '../../db/queries/partners';
import { listPrograms } from '../../db/queries/programs';
import { enrollments } from '../../db/schema';
import { formOf, financeAndViewer } from '../helpers/actions';

// The actions run for real through their wrapper; only the session, Auth.js, the cache and the
// request headers (for the reset link's origin) are stood in for.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; name?: string } } }));
const signIn = vi.hoisted(() => vi.fn<(...args: unknown[]) => Promise<undefined>>(async () => undefined));
// next-auth's ESM build does not load under vitest (it imports `next/server` without an extension);
// its two error classes, which the sign-in action maps, are all these tests need of it.
const authErrors = vi.hoisted(() => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {
    code = 'credentials';
  }
  return { AuthError, CredentialsSignin };
});
vi.mock('next-auth', () => authErrors);
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn, signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: 'portal.test', 'x-forwarded-proto': 'https' }) }));

const { decideDealAction } = await import('../../lib/actions/deals');
const { createProgramAction } = await import('../../lib/actions/merchant');
const { changeEnrollmentAction } = await import('../../lib/actions/enrollments');
const { createPartnerLinkAction } = await import('../../lib/actions/links');
const { signInAction, joinProgramAction, requestPasswordResetAction, resetPasswordAction } = await import('../../lib/actions/auth');

const db = testDatabase();
const form = formOf;
const signInAs = (user: { id: string; email: string }) => (session.current = { user: { id: user.id, email: user.email } });
const programForm = { name: 'Injected', category: 'referral', unit: 'USD', ruleType: 'per_order', ruleValue: '5' };

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let finance: { id: string; email: string };
let viewer: { id: string; email: string };
let partner: { id: string; email: string };
let enrollmentOfB: string;
let dealOfB: string;

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  ({ finance, viewer } = await financeAndViewer(db, b.scope.workspaceId));
  const email = `${uniq('pb')}@p.test`;
  const joined = await joinProgram(db, { workspaceSlug: b.workspaceSlug, programSlug: b.programSlug }, { form: { name: 'Partner of B', company: '', email, password: PASSWORD } });
  partner = { id: joined.userId, email };
  const { rows } = await listPartnerEnrollments(db, b.scope.workspaceId, { page: 1, pageSize: 10, sort: 'name', dir: 'asc' });
  enrollmentOfB = rows[0].enrollmentId;
  const now = new Date();
  ({ id: dealOfB } = await registerDeal(db, b.scope.workspaceId, {
    partnerId: rows[0].partnerId, programId: b.programId, match: { email: `buyer@${uniq()}.test` }, registeredAt: now, expiresAt: new Date(now.getTime() + 86_400_000),
  }));
});

describe('console actions check tenant and role before anything else', () => {
  it('finance and viewer members are told their role cannot decide deals, enrollments or programs', async () => {
    for (const member of [finance, viewer]) {
      signInAs(member);
      const role = member === finance ? 'finance' : 'viewer';
      const refusal = { ok: false, message: expect.stringMatching(new RegExp(`^Your role \\(${role}\\) cannot do this`)) };
      expect(await decideDealAction(b.workspaceSlug, null, form({ dealId: dealOfB, decision: 'approved' }))).toMatchObject(refusal);
      expect(await changeEnrollmentAction(b.workspaceSlug, null, form({ enrollmentId: enrollmentOfB, status: 'approved' }))).toMatchObject(refusal);
      expect(await createProgramAction(b.workspaceSlug, null, form(programForm))).toMatchObject(refusal);
      // refused before parsing: a malformed form gets the same answer, not field errors
      expect(await changeEnrollmentAction(b.workspaceSlug, null, form({}))).toMatchObject(refusal);
    }
    const [row] = await db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.id, enrollmentOfB));
    expect(row.status).toBe('pending');
    expect((await listPrograms(db, b.scope.workspaceId)).map((p) => p.name)).toEqual(['Referrals']);
  });

  it("another tenant's owner finds neither the workspace nor, through its own, the enrollment or deal", async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await changeEnrollmentAction(b.workspaceSlug, null, form({ enrollmentId: enrollmentOfB, status: 'approved' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await changeEnrollmentAction(a.workspaceSlug, null, form({ enrollmentId: enrollmentOfB, status: 'approved' }))).toMatchObject({ ok: false, message: 'Enrollment not found.' });
    expect(await decideDealAction(a.workspaceSlug, null, form({ dealId: dealOfB, decision: 'approved' }))).toMatchObject({ ok: false, message: 'No pending deal registration with this id.' });
    // its own console works, so the refusals above are about the tenant
    expect(await createProgramAction(a.workspaceSlug, null, form(programForm))).toMatchObject({ ok: true, message: 'Program “Injected” created.' });
  });

  it('the owner decides; field errors come back for a bad form', async () => {
    signInAs({ id: b.userId, email: b.email });
    expect(await changeEnrollmentAction(b.workspaceSlug, null, form({ enrollmentId: 'nope', status: 'approved' }))).toMatchObject({ ok: false, fields: { enrollmentId: expect.any(String) } });
    expect(await changeEnrollmentAction(b.workspaceSlug, null, form({ enrollmentId: enrollmentOfB, status: 'approved' }))).toEqual({ ok: true, message: 'Enrollment approved.' });
    expect(await decideDealAction(b.workspaceSlug, null, form({ dealId: dealOfB, decision: 'rejected' }))).toEqual({ ok: true, message: 'Deal rejected.' });
  });

  it('a link needs one of the caller’s own enrollments; signed out is told to sign in', async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await createPartnerLinkAction(null, form({ enrollmentId: enrollmentOfB, destinationUrl: 'https://shop.example/' }))).toMatchObject({ ok: false, message: 'Program not found.', fields: { enrollmentId: 'not found' } });
    session.current = null;
    expect(await createPartnerLinkAction(null, form({ enrollmentId: enrollmentOfB, destinationUrl: 'https://shop.example/' }))).toMatchObject({ ok: false, message: expect.stringContaining('sign in') });
  });
});

describe('account actions', () => {
  it('sign-in parses first, then maps Auth.js refusals to messages', async () => {
    session.current = null;
    expect(await signInAction(null, form({ email: 'not-an-email', password: '' }))).toMatchObject({ ok: false, fields: { email: expect.any(String), password: expect.any(String) } });
    expect(signIn).not.toHaveBeenCalled();
    expect(await signInAction(null, form({ email: b.email, password: PASSWORD }))).toEqual({ ok: true });
    expect(signIn).toHaveBeenLastCalledWith('credentials', { email: b.email, password: PASSWORD, redirectTo: '/home' });
    signIn.mockRejectedValueOnce(new authErrors.CredentialsSignin());
    expect(await signInAction(null, form({ email: b.email, password: 'wrong-password' }))).toEqual({ ok: false, message: 'Email or password is incorrect.' });
    const limited = Object.assign(new authErrors.CredentialsSignin(), { code: 'rate_limited' });
    signIn.mockRejectedValueOnce(limited);
    expect(await signInAction(null, form({ email: b.email, password: 'wrong-password' }))).toEqual({ ok: false, message: 'Too many failed attempts. Wait 15 minutes and try again.' });
  });

  it('joining: a visitor applies with the form; a signed-in partner is redirected to the portal; a forged target is refused', async () => {
    const c = await createMerchant(db, { approvalMode: 'auto' });
    const target = { workspaceSlug: c.workspaceSlug, programSlug: c.programSlug };
    session.current = null;
    const email = `${uniq('joiner')}@p.test`;
    expect(await joinProgramAction(target, null, form({ name: 'Jo', company: '', email, password: PASSWORD }))).toEqual({ ok: true });
    expect(signIn).toHaveBeenLastCalledWith('credentials', { email, password: PASSWORD, redirectTo: '/p' });

    signInAs(partner);
    await expect(joinProgramAction(target, null, form({}))).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
    expect((await listEnrollmentsOfUser(db, partner.id)).map((e) => e.workspaceSlug).sort()).toEqual([b.workspaceSlug, c.workspaceSlug].sort());

    expect(await joinProgramAction({ workspaceSlug: c.workspaceSlug, programSlug: 'closed' }, null, form({}))).toMatchObject({ ok: false, message: 'This program does not exist or is not open for applications.' });
    expect(await joinProgramAction({ workspaceSlug: 42 }, null, form({}))).toMatchObject({ ok: false, fields: { workspaceSlug: expect.any(String) } });
  });

  it('password reset: the link uses the app origin, and a bad token is refused with its field', async () => {
    session.current = null;
    const log = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    expect(await requestPasswordResetAction(null, form({ email: b.email }))).toEqual({ ok: true, message: 'If an account exists for this email, a reset link is on its way.' });
    const line = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes(b.email));
    log.mockRestore();
    const token = line?.match(/https:\/\/portal\.test\/reset-password\?token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    expect(await resetPasswordAction(null, form({ token: 'x'.repeat(40), password: 'a-brand-new-password' }))).toMatchObject({ ok: false, fields: { token: 'is invalid or expired' } });
    expect(await resetPasswordAction(null, form({ token: token!, password: 'a-brand-new-password' }))).toEqual({ ok: true, message: 'Your password was changed. You can sign in now.' });
  });
});
