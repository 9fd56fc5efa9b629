import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant, PASSWORD } from '../helpers/fixtures';
import { formOf, financeAndViewer, type SessionUser } from '../helpers/actions';
import { auditLog, invitations, members, workspaces } from '../../db/schema';
import { insertUser } from '../../db/queries/users';
import { insertMember } from '../../db/queries/workspaces';
import { resolveMerchantScope } from '../../lib/server/access';
import { acceptInvitation, inviteMember } from '../../lib/server/invitations';
import { changeMemberRole, removeMember } from '../../lib/server/members';
import { verifyCredentials } from '../../lib/server/accounts';
import type { MemberRole } from '../../lib/domain/roles';

// Members and invitations through the real actions and services on a real database; only the
// session, Auth.js's sign-in, the cache and the request headers (the link's origin) are stood in for.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
const signIn = vi.hoisted(() => vi.fn<(...args: unknown[]) => Promise<undefined>>(async () => undefined));
const authErrors = vi.hoisted(() => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {}
  return { AuthError, CredentialsSignin };
});
vi.mock('next-auth', () => authErrors);
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn, signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: 'console.test', 'x-forwarded-proto': 'https' }) }));

const { inviteMemberAction, revokeInvitationAction, changeMemberRoleAction, removeMemberAction } = await import('../../lib/actions/members');
const { signUpByInvitationAction, acceptInvitationAction } = await import('../../lib/actions/auth');
const { setTimeZoneAction } = await import('../../lib/actions/time-zone');

const db = testDatabase();
const form = formOf;
const signInAs = (user: SessionUser) => (session.current = { user: { id: user.id, email: user.email } });
const signOut = () => (session.current = null);
type Merchant = Awaited<ReturnType<typeof createMerchant>>;

/** Invites through the action as `by` and returns the token read from the mail's log line. */
async function invite(m: Merchant, by: SessionUser, email: string, role: MemberRole) {
  signInAs(by);
  const log = vi.spyOn(console, 'info').mockImplementation(() => undefined);
  const result = await inviteMemberAction(m.workspaceSlug, null, form({ email, role }));
  const line = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes(`invitation link for ${email.toLowerCase()}`));
  log.mockRestore();
  const token = line?.match(/https:\/\/console\.test\/invite\/([\w-]{43})$/)?.[1];
  return { result, line, token };
}

const owner = (m: Merchant): SessionUser => ({ id: m.userId, email: m.email });
const roleOf = async (workspaceId: string, userId: string) =>
  (await db.select({ role: members.role }).from(members).where(and(eq(members.workspaceId, workspaceId), eq(members.userId, userId))))[0]?.role;
const memberIdOf = async (workspaceId: string, userId: string) =>
  (await db.select({ id: members.id }).from(members).where(and(eq(members.workspaceId, workspaceId), eq(members.userId, userId))))[0].id;
const auditOf = (workspaceId: string, action: string) =>
  db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)));
/** A NEXT_REDIRECT thrown by the action, as its target path. */
const redirectOf = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (err: { digest?: string }) => err.digest?.split(';')[2],
  );
/** Each committed row carries the id of the transaction that wrote it last. */
async function writtenBy(table: 'members' | 'invitations' | 'workspaces' | 'audit_log', id: string): Promise<string> {
  const { rows } = await db.execute<{ xmin: string }>(sql`select xmin::text as xmin from ${sql.identifier(table)} where id = ${id}`);
  return rows[0].xmin;
}

async function addMember(m: Merchant, role: MemberRole): Promise<SessionUser & { name: string | null; memberId: string }> {
  const user = await insertUser(db, { email: `${uniq(role)}@m.test`, name: `${role} ${uniq()}`, passwordHash: 'x' });
  await insertMember(db, m.scope.workspaceId, user.id, role);
  return { ...user, memberId: await memberIdOf(m.scope.workspaceId, user.id) };
}

let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
});

describe('inviting and accepting', () => {
  it('a new person signs up through the mailed link and joins with the role given', async () => {
    const email = `${uniq('Newcomer')}@Example.test`;
    const { result, line, token } = await invite(a, owner(a), email, 'finance');
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining(`Invitation sent to ${email.toLowerCase()} as finance`) });
    expect(line).toContain(`to ${a.workspaceSlug} as finance: https://console.test/invite/`);
    expect(token).toBeTruthy();
    // only the token's SHA-256 is stored
    const stored = await db.select({ hash: invitations.tokenHash }).from(invitations).where(eq(invitations.email, email.toLowerCase()));
    expect(stored).toHaveLength(1);
    expect(stored[0].hash).not.toContain(token!);

    signOut();
    signIn.mockClear();
    expect(await signUpByInvitationAction(token!, null, form({ name: 'Nora Newcomer', password: PASSWORD }))).toEqual({ ok: true });
    expect(signIn).toHaveBeenLastCalledWith('credentials', { email: email.toLowerCase(), password: PASSWORD, redirectTo: `/m/${a.workspaceSlug}` });
    const user = await verifyCredentials(db, email.toLowerCase(), PASSWORD);
    expect(user).toMatchObject({ name: 'Nora Newcomer' });
    expect(await resolveMerchantScope(user!.id, a.workspaceSlug)).toMatchObject({ role: 'finance', workspaceId: a.scope.workspaceId });

    const [invitation] = await db.select().from(invitations).where(eq(invitations.email, email.toLowerCase()));
    expect(invitation).toMatchObject({ acceptedBy: user!.id, revokedAt: null });
    // the used link is refused, also to the sign-up form
    expect(await signUpByInvitationAction(token!, null, form({ name: 'Again', password: PASSWORD }))).toMatchObject({
      ok: false,
      message: 'This invitation has already been used.',
    });
    const [joined] = await auditOf(a.scope.workspaceId, 'member.joined');
    expect(joined).toMatchObject({ actorUserId: user!.id, subjectType: 'member', after: { email: email.toLowerCase(), role: 'finance' }, data: { invitationId: invitation.id } });
  });

  it('someone with an account accepts while signed in, once; accepting again opens the console and changes nothing', async () => {
    const other = await createMerchant(db);
    const { token } = await invite(a, owner(a), other.email, 'admin');
    signInAs(owner(other));
    expect(await redirectOf(acceptInvitationAction(token!, null))).toBe(`/m/${a.workspaceSlug}`);
    expect(await roleOf(a.scope.workspaceId, other.userId)).toBe('admin');
    // a second click, a reload: the same answer, no second membership, no second audit row
    expect(await redirectOf(acceptInvitationAction(token!, null))).toBe(`/m/${a.workspaceSlug}`);
    const rows = await db.select().from(members).where(and(eq(members.workspaceId, a.scope.workspaceId), eq(members.userId, other.userId)));
    expect(rows).toHaveLength(1);
    const joins = (await auditOf(a.scope.workspaceId, 'member.joined')).filter((r) => r.actorUserId === other.userId);
    expect(joins).toHaveLength(1);
  });

  it('two accepts of one link at the same moment make one membership', async () => {
    const other = await createMerchant(db);
    const { token } = await invite(b, owner(b), other.email, 'viewer');
    const results = await Promise.allSettled([1, 2, 3].map(() => acceptInvitation(db, token!, { id: other.userId, email: other.email })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const rows = await db.select().from(members).where(and(eq(members.workspaceId, b.scope.workspaceId), eq(members.userId, other.userId)));
    expect(rows).toHaveLength(1);
    expect((await auditOf(b.scope.workspaceId, 'member.joined')).filter((r) => r.actorUserId === other.userId)).toHaveLength(1);
  });

  it('refuses a signed-in user whose email is not the invited one', async () => {
    const { token } = await invite(a, owner(a), `${uniq('someone')}@x.test`, 'viewer');
    signInAs(owner(b));
    expect(await acceptInvitationAction(token!, null)).toMatchObject({ ok: false, message: expect.stringMatching(/^This invitation is for .* but you are signed in as /) });
    expect(await roleOf(a.scope.workspaceId, b.userId)).toBeUndefined();
    // and the sign-up form refuses an email that already has an account
    const { token: forB } = await invite(a, owner(a), b.email, 'viewer');
    signOut();
    expect(await signUpByInvitationAction(forB!, null, form({ name: 'Imposter', password: 'another-password' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('already exists; sign in to accept'),
    });
    expect(await verifyCredentials(db, b.email, PASSWORD)).toBeTruthy();
  });

  it('refuses expired, revoked, replaced and unknown links', async () => {
    const email = `${uniq('late')}@x.test`;
    const sent = new Date('2026-01-01T09:00:00Z');
    const log = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await inviteMember(db, a.scope, { email, role: 'viewer' }, 'https://console.test', sent);
    const expired = String(log.mock.calls.at(-1)?.[0]).match(/invite\/([\w-]{43})$/)![1];
    log.mockRestore();
    signOut();
    const expiredAnswer = await signUpByInvitationAction(expired, null, form({ name: 'Late', password: PASSWORD }));
    expect(expiredAnswer).toMatchObject({ ok: false, message: 'This invitation expired on 8 Jan 2026. Ask for a new one.' });

    // re-inviting replaces the open invitation: the first link is revoked
    const first = await invite(a, owner(a), email, 'viewer');
    const second = await invite(a, owner(a), email, 'finance');
    expect(second.result.message).toContain('replaces the earlier invitation');
    const open = await db.select().from(invitations).where(and(eq(invitations.email, email), sql`accepted_at is null and revoked_at is null`));
    expect(open).toHaveLength(1);
    signOut();
    expect(await signUpByInvitationAction(first.token!, null, form({ name: 'L', password: PASSWORD }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('revoked or replaced'),
    });
    // revoked by hand
    signInAs(owner(a));
    expect(await revokeInvitationAction(a.workspaceSlug, null, form({ invitationId: open[0].id }))).toMatchObject({ ok: true, message: expect.stringContaining('revoked') });
    expect(await revokeInvitationAction(a.workspaceSlug, null, form({ invitationId: open[0].id }))).toMatchObject({ ok: false });
    signOut();
    expect(await signUpByInvitationAction(second.token!, null, form({ name: 'L', password: PASSWORD }))).toMatchObject({ ok: false, message: expect.stringContaining('revoked') });
    expect(await signUpByInvitationAction('A'.repeat(43), null, form({ name: 'L', password: PASSWORD }))).toMatchObject({ ok: false, message: expect.stringContaining('not valid') });
    expect(await signUpByInvitationAction('short', null, form({ name: 'L', password: PASSWORD }))).toMatchObject({ ok: false, fields: { token: expect.any(String) } });
    expect(await verifyCredentials(db, email, PASSWORD)).toBeUndefined();
  });

  it('inviting someone who is already a member is a clear error naming the email field', async () => {
    const finance = await addMember(a, 'finance');
    signInAs(owner(a));
    expect(await inviteMemberAction(a.workspaceSlug, null, form({ email: finance.email.toUpperCase(), role: 'viewer' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('is already a member (finance)'),
      fields: { email: 'is already a member of this workspace' },
    });
    expect(await inviteMemberAction(a.workspaceSlug, null, form({ email: 'not-an-email', role: 'boss' }))).toMatchObject({
      ok: false,
      fields: { email: expect.any(String), role: expect.any(String) },
    });
  });
});

describe('who may do what', () => {
  it('finance and viewers cannot invite, revoke or change roles; other tenants are told the workspace does not exist', async () => {
    const { finance, viewer } = await financeAndViewer(db, b.scope.workspaceId);
    const target = await addMember(b, 'viewer');
    const calls = (slug: string) => [
      inviteMemberAction(slug, null, form({ email: `${uniq()}@x.test`, role: 'viewer' })),
      revokeInvitationAction(slug, null, form({ invitationId: '00000000-0000-4000-8000-000000000000' })),
      changeMemberRoleAction(slug, null, form({ memberId: target.memberId, role: 'admin' })),
    ];
    for (const [user, role] of [[finance, 'finance'], [viewer, 'viewer']] as const) {
      signInAs(user);
      for (const result of await Promise.all(calls(b.workspaceSlug))) {
        expect(result).toMatchObject({ ok: false, message: expect.stringMatching(new RegExp(`^Your role \\(${role}\\) cannot do this`)) });
      }
      // removing someone else is refused by the service (the action is open to all for leaving)
      expect(await removeMemberAction(b.workspaceSlug, null, form({ memberId: target.memberId }))).toMatchObject({
        ok: false,
        message: `Your role (${role}) cannot remove members; ask an owner or admin.`,
      });
    }
    signInAs(owner(a));
    for (const result of await Promise.all(calls(b.workspaceSlug))) expect(result).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await removeMemberAction(b.workspaceSlug, null, form({ memberId: target.memberId }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    // a member id of another workspace inside one's own console: not found
    expect(await changeMemberRoleAction(a.workspaceSlug, null, form({ memberId: target.memberId, role: 'admin' }))).toMatchObject({ ok: false, message: 'Member not found.' });
    expect(await removeMemberAction(a.workspaceSlug, null, form({ memberId: target.memberId }))).toMatchObject({ ok: false, message: 'Member not found.' });
    expect(await roleOf(b.scope.workspaceId, target.id)).toBe('viewer');
  });

  it('admins manage admins, finance and viewers but only an owner makes, demotes or removes an owner', async () => {
    const m = await createMerchant(db);
    const admin = await addMember(m, 'admin');
    const viewer = await addMember(m, 'viewer');
    const ownerMemberId = await memberIdOf(m.scope.workspaceId, m.userId);
    signInAs(admin);
    expect(await changeMemberRoleAction(m.workspaceSlug, null, form({ memberId: viewer.memberId, role: 'finance' }))).toMatchObject({ ok: true, message: `${viewer.name} is now finance.` });
    expect(await changeMemberRoleAction(m.workspaceSlug, null, form({ memberId: viewer.memberId, role: 'owner' }))).toMatchObject({ ok: false, message: 'Only an owner can make someone an owner.' });
    expect(await changeMemberRoleAction(m.workspaceSlug, null, form({ memberId: admin.memberId, role: 'owner' }))).toMatchObject({ ok: false, message: 'Only an owner can make someone an owner.' });
    expect(await changeMemberRoleAction(m.workspaceSlug, null, form({ memberId: ownerMemberId, role: 'viewer' }))).toMatchObject({ ok: false, message: "Only an owner can change an owner's role." });
    expect(await removeMemberAction(m.workspaceSlug, null, form({ memberId: ownerMemberId }))).toMatchObject({ ok: false, message: 'Only an owner can remove an owner.' });
    expect(await inviteMemberAction(m.workspaceSlug, null, form({ email: `${uniq()}@x.test`, role: 'owner' }))).toMatchObject({ ok: false, message: 'Only an owner can invite another owner.' });
    signInAs(owner(m));
    expect(await changeMemberRoleAction(m.workspaceSlug, null, form({ memberId: admin.memberId, role: 'owner' }))).toMatchObject({ ok: true });
    expect(await roleOf(m.scope.workspaceId, admin.id)).toBe('owner');
    expect(await removeMemberAction(m.workspaceSlug, null, form({ memberId: viewer.memberId }))).toMatchObject({ ok: true, message: expect.stringContaining('was removed') });
    expect(await roleOf(m.scope.workspaceId, viewer.id)).toBeUndefined();
    expect(await resolveMerchantScope(viewer.id, m.workspaceSlug).catch((e) => e.code)).toBe('not_found');
  });

  it('any member may leave; the last owner can neither leave, be removed nor be demoted', async () => {
    const m = await createMerchant(db);
    const viewer = await addMember(m, 'viewer');
    signInAs(viewer);
    expect(await redirectOf(removeMemberAction(m.workspaceSlug, null, form({ memberId: viewer.memberId })))).toBe('/home');
    expect(await roleOf(m.scope.workspaceId, viewer.id)).toBeUndefined();
    expect((await auditOf(m.scope.workspaceId, 'member.removed'))[0]).toMatchObject({ actorUserId: viewer.id, data: { left: true }, before: { role: 'viewer' }, after: null });

    const ownerMemberId = await memberIdOf(m.scope.workspaceId, m.userId);
    signInAs(owner(m));
    const lastOwner = { ok: false, message: expect.stringContaining("is the workspace's last owner") };
    expect(await changeMemberRoleAction(m.workspaceSlug, null, form({ memberId: ownerMemberId, role: 'admin' }))).toMatchObject(lastOwner);
    expect(await removeMemberAction(m.workspaceSlug, null, form({ memberId: ownerMemberId }))).toMatchObject(lastOwner);
    expect(await roleOf(m.scope.workspaceId, m.userId)).toBe('owner');
    expect(await auditOf(m.scope.workspaceId, 'member.role_changed')).toHaveLength(0);
  });

  it('two owners demoting or removing each other at the same moment: exactly one succeeds, an owner always remains', async () => {
    for (const kind of ['demote', 'remove', 'demote self', 'leave'] as const) {
      const m = await createMerchant(db);
      const second = await addMember(m, 'owner');
      const first = { id: m.userId, memberId: await memberIdOf(m.scope.workspaceId, m.userId) };
      const scopeOf = (userId: string) => resolveMerchantScope(userId, m.workspaceSlug);
      const [s1, s2] = await Promise.all([scopeOf(first.id), scopeOf(second.id)]);
      // each owner acts on the other (or on itself): either change alone is allowed
      const target1 = kind.includes('self') || kind === 'leave' ? first.memberId : second.memberId;
      const target2 = kind.includes('self') || kind === 'leave' ? second.memberId : first.memberId;
      const act = (scope: typeof s1, memberId: string) =>
        kind === 'demote' || kind === 'demote self' ? changeMemberRole(db, scope, { memberId, role: 'viewer' }) : removeMember(db, scope, memberId);
      const results = await Promise.allSettled([act(s1, target1), act(s2, target2)]);
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      expect(refused, kind).toHaveLength(1);
      // the one that waited finds the other's change committed: itself no longer an owner
      // (forbidden), its target gone (not found), or the target now the last owner (conflict)
      const expected = { demote: 'forbidden', remove: 'not_found', 'demote self': 'conflict', leave: 'conflict' }[kind];
      expect(refused[0], kind).toMatchObject({ code: expected });
      const owners = await db.select().from(members).where(and(eq(members.workspaceId, m.scope.workspaceId), eq(members.role, 'owner')));
      expect(owners, kind).toHaveLength(1);
    }
  });
});

describe('the audit log', () => {
  it('records each member and invitation change, and the time zone, in the change’s own transaction', async () => {
    const m = await createMerchant(db);
    const email = `${uniq('audited')}@x.test`;
    const { token } = await invite(m, owner(m), email, 'viewer');
    const [invited] = await auditOf(m.scope.workspaceId, 'member.invited');
    expect(invited).toMatchObject({ actorUserId: m.userId, subjectType: 'invitation', before: null, after: { email, role: 'viewer' } });
    expect(await writtenBy('audit_log', invited.id)).toBe(await writtenBy('invitations', invited.subjectId!));

    signOut();
    await signUpByInvitationAction(token!, null, form({ name: 'Audited', password: PASSWORD }));
    const [joined] = await auditOf(m.scope.workspaceId, 'member.joined');
    expect(await writtenBy('audit_log', joined.id)).toBe(await writtenBy('members', joined.subjectId!));

    signInAs(owner(m));
    await changeMemberRoleAction(m.workspaceSlug, null, form({ memberId: joined.subjectId!, role: 'finance' }));
    const [changed] = await auditOf(m.scope.workspaceId, 'member.role_changed');
    expect(changed).toMatchObject({ actorUserId: m.userId, subjectId: joined.subjectId, before: { email, role: 'viewer' }, after: { email, role: 'finance' } });
    expect(await writtenBy('audit_log', changed.id)).toBe(await writtenBy('members', joined.subjectId!));
    // saving the same role again changes nothing and records nothing
    expect(await changeMemberRoleAction(m.workspaceSlug, null, form({ memberId: joined.subjectId!, role: 'finance' }))).toMatchObject({ ok: true, message: expect.stringContaining('already is finance') });
    expect(await auditOf(m.scope.workspaceId, 'member.role_changed')).toHaveLength(1);

    const again = await invite(m, owner(m), `${uniq('revoked')}@x.test`, 'viewer');
    const [open] = await db.select().from(invitations).where(and(eq(invitations.workspaceId, m.scope.workspaceId), sql`accepted_at is null and revoked_at is null`));
    expect(again.token).toBeTruthy();
    await revokeInvitationAction(m.workspaceSlug, null, form({ invitationId: open.id }));
    const [revoked] = await auditOf(m.scope.workspaceId, 'invitation.revoked');
    expect(revoked).toMatchObject({ subjectType: 'invitation', subjectId: open.id, before: { role: 'viewer' }, after: null });
    expect(await writtenBy('audit_log', revoked.id)).toBe(await writtenBy('invitations', open.id));

    await removeMemberAction(m.workspaceSlug, null, form({ memberId: joined.subjectId! }));
    const [removed] = await auditOf(m.scope.workspaceId, 'member.removed');
    expect(removed).toMatchObject({ actorUserId: m.userId, subjectId: joined.subjectId, before: { email, role: 'finance' }, after: null, data: {} });

    expect(await setTimeZoneAction(m.workspaceSlug, null, form({ timeZone: 'Europe/Berlin' }))).toMatchObject({ ok: true, message: expect.stringContaining('Dates now show in Europe/Berlin') });
    const [zone] = await auditOf(m.scope.workspaceId, 'settings.time_zone_changed');
    expect(zone).toMatchObject({ subjectType: 'settings', before: { timeZone: 'UTC' }, after: { timeZone: 'Europe/Berlin' } });
    expect(await writtenBy('audit_log', zone.id)).toBe(await writtenBy('workspaces', m.scope.workspaceId));
    expect((await resolveMerchantScope(m.userId, m.workspaceSlug)).timeZone).toBe('Europe/Berlin');
  });

  it('a refused change leaves neither the change nor an audit row', async () => {
    const m = await createMerchant(db);
    signInAs(owner(m));
    expect(await setTimeZoneAction(m.workspaceSlug, null, form({ timeZone: 'Europe/Atlantis' }))).toMatchObject({
      ok: false,
      fields: { timeZone: 'must be UTC or an IANA time zone such as Europe/Berlin' },
    });
    const { finance } = await financeAndViewer(db, m.scope.workspaceId);
    signInAs(finance);
    expect(await setTimeZoneAction(m.workspaceSlug, null, form({ timeZone: 'Asia/Tokyo' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^Your role \(finance\)/) });
    const [ws] = await db.select({ tz: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, m.scope.workspaceId));
    expect(ws.tz).toBe('UTC');
    expect(await db.select().from(auditLog).where(eq(auditLog.workspaceId, m.scope.workspaceId))).toHaveLength(0);
  });
});
