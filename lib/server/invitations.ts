import 'server-only';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from './sha256';
import type { Database, Executor } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import {
  findInvitationByTokenHash,
  insertInvitation,
  lockInvitationByTokenHash,
  lockInvitee,
  markInvitationAccepted,
  revokeInvitation as revokeInvitationRow,
  revokeOpenInvitationsOf,
  type InvitationByToken,
} from '../../db/queries/invitations';
import { findMemberByEmail, insertMemberOnce } from '../../db/queries/members';
import { findUserCredentials, insertUser } from '../../db/queries/users';
import { findWorkspaceBySlug } from '../../db/queries/workspaces';
import { INVITATION_TTL_DAYS, inviteRefusal } from '../domain/members';
import type { MemberRole } from '../domain/roles';
import { hashPassword } from '../auth/password';
import { AppError } from '../errors';
import { formatDate } from '../time';
import type { InvitationSignUp, InviteMember } from '../validation/members';
import { sendMail } from './mailer';
import type { MerchantScope } from './scope';

// Invitations work like password resets: a 32-byte random token travels only in the mailed link,
// the database keeps its SHA-256. Accepting locks the invitation row, so two accepts of one link
// (a double click, two tabs) run one after the other: one membership, accepted_at set once.

const DAY_MS = 24 * 60 * 60 * 1000;

export type InvitationState = 'open' | 'expired' | 'revoked' | 'accepted';

/** Used beats revoked beats expired: a link that worked reads as used even after it would have expired. */
export function invitationState(inv: Pick<InvitationByToken, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: Date): InvitationState {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  return inv.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

/** Creates (or replaces) the email's invitation and mails its link; without SMTP the link goes to the server log. */
export async function inviteMember(db: Database, scope: MerchantScope, input: InviteMember, appUrl: string, now = new Date()) {
  const refusal = inviteRefusal(scope.role, input.role);
  if (refusal) throw new AppError('forbidden', refusal);
  const workspaceName = (await findWorkspaceBySlug(db, scope.workspaceSlug))?.name ?? scope.workspaceSlug;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS);
  const invitation = await db.transaction(async (tx) => {
    await lockInvitee(tx, scope.workspaceId, input.email);
    const member = await findMemberByEmail(tx, scope.workspaceId, input.email);
    if (member) {
      throw new AppError('conflict', `${input.email} is already a member (${member.role}); change their role in the list instead.`, {
        email: 'is already a member of this workspace',
      });
    }
    const replaced = await revokeOpenInvitationsOf(tx, scope.workspaceId, input.email, now);
    const { id } = await insertInvitation(tx, {
      workspaceId: scope.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash: sha256Hex(token),
      invitedBy: scope.userId,
      createdAt: now,
      expiresAt,
    });
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actorUserId: scope.userId,
      action: 'member.invited',
      subjectType: 'invitation',
      subjectId: id,
      after: { email: input.email, role: input.role, expiresAt: expiresAt.toISOString() },
      data: replaced.length ? { replacedInvitationIds: replaced } : {},
      at: now,
    });
    return { id, replaced: replaced.length > 0 };
  });
  const link = `${appUrl.replace(/\/+$/, '')}/invite/${token}`;
  await sendMail({
    to: input.email,
    subject: `You are invited to ${workspaceName} on PartnerLedger`,
    text:
      `You are invited to join ${workspaceName} on PartnerLedger as ${input.role}.\n\n` +
      `Open this link within ${INVITATION_TTL_DAYS} days to accept (it works once):\n${link}\n\n` +
      'If you did not expect this, ignore this email.',
    logLine: `invitation link for ${input.email} to ${scope.workspaceSlug} as ${input.role}: ${link}`,
  });
  return { ...invitation, email: input.email, role: input.role, expiresAt };
}

/** Revokes an open invitation: its link then says so. Not found for used, revoked or foreign ones. */
export async function revokeInvitation(db: Database, scope: MerchantScope, invitationId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await revokeInvitationRow(tx, scope.workspaceId, invitationId, now);
    if (!row) throw new AppError('not_found', 'This invitation is no longer open (accepted or revoked already).');
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actorUserId: scope.userId,
      action: 'invitation.revoked',
      subjectType: 'invitation',
      subjectId: row.id,
      before: { email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString() },
      after: null,
      at: now,
    });
    return { email: row.email };
  });
}

export interface InvitationView {
  state: InvitationState;
  workspaceName: string;
  workspaceSlug: string;
  timeZone: string;
  email: string;
  role: MemberRole;
  expiresAt: Date;
  invitedBy: string | null;
  acceptedBy: string | null;
  /** whether the invited email has an account: the page offers sign-in instead of sign-up */
  accountExists: boolean;
}

/** What the invitation page shows for a token; undefined for a token that is not ours. Reads only. */
export async function describeInvitation(db: Database, token: string, now = new Date()): Promise<InvitationView | undefined> {
  const inv = await findInvitationByTokenHash(db, sha256Hex(token));
  if (!inv) return undefined;
  const account = await findUserCredentials(db, inv.email);
  return {
    state: invitationState(inv, now),
    workspaceName: inv.workspaceName,
    workspaceSlug: inv.workspaceSlug,
    timeZone: inv.timeZone,
    email: inv.email,
    role: inv.role,
    expiresAt: inv.expiresAt,
    invitedBy: inv.invitedBy,
    acceptedBy: inv.acceptedBy,
    accountExists: Boolean(account),
  };
}

/** The refusal a person can act on, for a locked invitation that cannot be accepted any more. */
function acceptable(inv: InvitationByToken | undefined, now: Date): InvitationByToken {
  if (!inv) throw new AppError('not_found', 'This invitation link is not valid. Check that you copied all of it, or ask for a new invitation.');
  const state = invitationState(inv, now);
  if (state === 'accepted') throw new AppError('conflict', 'This invitation has already been used.');
  if (state === 'revoked') throw new AppError('conflict', 'This invitation was revoked or replaced by a newer one. Ask for a new invitation.');
  if (state === 'expired') throw new AppError('conflict', `This invitation expired on ${formatDate(inv.expiresAt, inv.timeZone)}. Ask for a new one.`);
  return inv;
}

const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
};

async function join(tx: Executor, inv: InvitationByToken, userId: string, now: Date) {
  const member = await insertMemberOnce(tx, inv.workspaceId, userId, inv.role);
  await markInvitationAccepted(tx, inv.id, userId, now);
  // someone who became a member in another way meanwhile keeps the role they have: accepting never changes a role
  if (member.created) {
    await recordAudit(tx, {
      workspaceId: inv.workspaceId,
      actorUserId: userId,
      action: 'member.joined',
      subjectType: 'member',
      subjectId: member.memberId,
      after: { email: inv.email, role: inv.role },
      data: { invitationId: inv.id },
      at: now,
    });
  }
  return { workspaceSlug: inv.workspaceSlug, role: member.role };
}

/**
 * A signed-in user accepts. Accepting again with the same account answers like the first time
 * (a second click, a reload), but a used link never lets anyone else in.
 */
export async function acceptInvitation(db: Database, token: string, user: { id: string; email: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const locked = await lockInvitationByTokenHash(tx, sha256Hex(token));
    if (locked?.acceptedAt && locked.acceptedBy === user.id) return { workspaceSlug: locked.workspaceSlug, role: locked.role };
    const inv = acceptable(locked, now);
    if (inv.email !== user.email.toLowerCase()) {
      throw new AppError('forbidden', `This invitation is for ${inv.email}, but you are signed in as ${user.email}. Sign out and open the link again.`);
    }
    return join(tx, inv, user.id, now);
  });
}

/** A visitor without an account signs up through the link: the account gets the invited email and joins with the role. */
export async function signUpByInvitation(db: Database, input: InvitationSignUp, now = new Date()) {
  const passwordHash = await hashPassword(input.password);
  const accountExists = (email: string) =>
    new AppError('conflict', `An account for ${email} already exists; sign in to accept the invitation.`);
  let email = '';
  try {
    return await db.transaction(async (tx) => {
      const inv = acceptable(await lockInvitationByTokenHash(tx, sha256Hex(input.token)), now);
      email = inv.email;
      if (await findUserCredentials(tx, inv.email)) throw accountExists(inv.email);
      const user = await insertUser(tx, { email: inv.email, name: input.name, passwordHash });
      const joined = await join(tx, inv, user.id, now);
      return { ...joined, email: inv.email, userId: user.id };
    });
  } catch (err) {
    // the same email signed up elsewhere at this very moment: the unique email index refused ours
    if (isUniqueViolation(err)) throw accountExists(email);
    throw err;
  }
}
