import 'server-only';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { invitations, users, workspaces } from '../schema';
import type { MemberRole } from '../../lib/domain/roles';

// Invitations are found by the SHA-256 of their token (the token itself is only in the mail). A
// token names its workspace: holding it is what lets a signed-out visitor see the workspace's name
// and role, so the token lookups below take the hash instead of a workspace id.

const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/** Serialises invitations of one email to one workspace, so re-inviting always leaves exactly one open invitation. */
export async function lockInvitee(tx: Executor, workspaceId: string, email: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`invite:${workspaceId}:${email.toLowerCase()}`}, 0))`);
}

/** Revokes the email's open invitations (re-inviting replaces them); returns their ids. */
export async function revokeOpenInvitationsOf(tx: Executor, workspaceId: string, email: string, at: Date): Promise<string[]> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: at })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.email, email.toLowerCase()), open))
    .returning({ id: invitations.id });
  return rows.map((r) => r.id);
}

export async function insertInvitation(
  tx: Executor,
  input: { workspaceId: string; email: string; role: MemberRole; tokenHash: string; invitedBy: string | null; createdAt: Date; expiresAt: Date },
): Promise<{ id: string }> {
  const [row] = await tx
    .insert(invitations)
    .values({ ...input, email: input.email.toLowerCase() })
    .returning({ id: invitations.id });
  return row;
}

export interface OpenInvitationRow {
  id: string;
  email: string;
  role: MemberRole;
  createdAt: Date;
  expiresAt: Date;
  invitedBy: string | null;
}

/** The members page: invitations not yet accepted or revoked (expired ones too, to re-send or revoke), newest first. */
export async function listOpenInvitations(db: Executor, workspaceId: string, limit: number): Promise<{ rows: OpenInvitationRow[]; total: number }> {
  const where = and(eq(invitations.workspaceId, workspaceId), open);
  const [rows, total] = await Promise.all([
    db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        invitedBy: sql<string | null>`coalesce(${users.name}, ${users.email})`,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(where)
      .orderBy(desc(invitations.createdAt), desc(invitations.id))
      .limit(limit),
    countOpenInvitations(db, workspaceId),
  ]);
  return { rows, total };
}

/** Settings' members card: how many invitations wait for an answer. */
export async function countOpenInvitations(db: Executor, workspaceId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(invitations).where(and(eq(invitations.workspaceId, workspaceId), open));
  return n;
}

/** Revokes one open invitation of the workspace; undefined when there is none (used, revoked, or another tenant's). */
export async function revokeInvitation(tx: Executor, workspaceId: string, invitationId: string, at: Date) {
  const [row] = await tx
    .update(invitations)
    .set({ revokedAt: at })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, invitationId), open))
    .returning({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt });
  return row;
}

export interface InvitationByToken {
  id: string;
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  /** the workspace's zone, for the dates the invitation page shows */
  timeZone: string;
  email: string;
  role: MemberRole;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
  invitedBy: string | null;
}

const byTokenColumns = {
  id: invitations.id,
  workspaceId: invitations.workspaceId,
  workspaceSlug: workspaces.slug,
  workspaceName: workspaces.name,
  timeZone: workspaces.timeZone,
  email: invitations.email,
  role: invitations.role,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  acceptedBy: invitations.acceptedBy,
  revokedAt: invitations.revokedAt,
  invitedBy: sql<string | null>`coalesce(${users.name}, ${users.email})`,
};

/** The invitation page: what a token invites to (read only). */
export async function findInvitationByTokenHash(db: Executor, tokenHash: string): Promise<InvitationByToken | undefined> {
  const [row] = await db
    .select(byTokenColumns)
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, tokenHash));
  return row;
}

/** The same, locked: two accepts of one token run one after the other, and the second sees the first. */
export async function lockInvitationByTokenHash(tx: Executor, tokenHash: string): Promise<InvitationByToken | undefined> {
  const [row] = await tx
    .select(byTokenColumns)
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, tokenHash))
    .for('update', { of: invitations });
  return row;
}

/** Sets accepted_at once: false when the invitation was already accepted. */
export async function markInvitationAccepted(tx: Executor, invitationId: string, userId: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set({ acceptedAt: at, acceptedBy: userId })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}
