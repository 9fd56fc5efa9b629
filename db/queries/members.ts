import 'server-only';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { members, users } from '../schema';
import type { MemberRole } from '../../lib/domain/roles';

export interface MemberRow {
  memberId: string;
  userId: string;
  email: string;
  name: string | null;
  role: MemberRole;
  since: Date;
}

export const MEMBER_SORTS = ['email', 'name', 'role', 'since'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

const memberColumns = {
  memberId: members.id,
  userId: members.userId,
  email: users.email,
  name: users.name,
  role: members.role,
  since: members.createdAt,
};

const sortColumn = { email: users.email, name: users.name, role: members.role, since: members.createdAt } as const;

/** The members page: one page of a workspace's members with their accounts' email and name. */
export async function listMembersPage(
  db: Executor,
  workspaceId: string,
  opts: { page: number; pageSize: number; sort: MemberSort; dir: 'asc' | 'desc' },
): Promise<{ rows: MemberRow[]; total: number }> {
  const order = opts.dir === 'asc' ? asc(sortColumn[opts.sort]) : desc(sortColumn[opts.sort]);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(memberColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.workspaceId, workspaceId))
      // the email breaks ties (role enum order, equal join times) so pages never overlap
      .orderBy(order, asc(users.email))
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    db.select({ n: count() }).from(members).where(eq(members.workspaceId, workspaceId)),
  ]);
  return { rows, total: n };
}

/** Settings' summary card: how many members hold each role. */
export async function countMembersByRole(db: Executor, workspaceId: string): Promise<Partial<Record<MemberRole, number>>> {
  const rows = await db
    .select({ role: members.role, n: count() })
    .from(members)
    .where(eq(members.workspaceId, workspaceId))
    .groupBy(members.role);
  return Object.fromEntries(rows.map((r) => [r.role, r.n]));
}

/**
 * Locks the workspace's owner rows (in id order, so two changes never deadlock) and returns their
 * ids. Every role change and removal takes this lock first: they run one after the other, and a
 * transaction that waited re-reads rows a concurrent one demoted or deleted, so "is this the last
 * owner?" is answered on committed facts. A member promoted meanwhile may be missed, which can only
 * refuse a change, never leave a workspace without an owner.
 */
export async function lockOwners(tx: Executor, workspaceId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'owner')))
    .orderBy(asc(members.id))
    .for('update');
  return rows.map((r) => r.id);
}

/** One member of the workspace, locked for a change; undefined for a member of another workspace. */
export async function findMemberForUpdate(tx: Executor, workspaceId: string, memberId: string): Promise<MemberRow | undefined> {
  const [row] = await tx
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)))
    .for('update', { of: members });
  return row;
}

/** The caller's own membership inside the change's transaction (its role may have changed since the request began). */
export async function findMembershipOfUser(tx: Executor, workspaceId: string, userId: string): Promise<MemberRow | undefined> {
  const [row] = await tx
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), eq(members.userId, userId)))
    .for('share', { of: members });
  return row;
}

/** A member of the workspace with this email (inviting someone who is already in is refused). */
export async function findMemberByEmail(db: Executor, workspaceId: string, email: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), eq(users.email, email.toLowerCase())));
  return row;
}

export async function setMemberRole(tx: Executor, workspaceId: string, memberId: string, role: MemberRole): Promise<void> {
  await tx.update(members).set({ role }).where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)));
}

export async function deleteMember(tx: Executor, workspaceId: string, memberId: string): Promise<void> {
  await tx.delete(members).where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)));
}

/**
 * Adds the user to the workspace unless it is a member already (the unique (workspace, user) index
 * decides, so two accepts at once still make one membership). Returns the membership and whether
 * this call created it.
 */
export async function insertMemberOnce(
  tx: Executor,
  workspaceId: string,
  userId: string,
  role: MemberRole,
): Promise<{ memberId: string; role: MemberRole; created: boolean }> {
  const [inserted] = await tx
    .insert(members)
    .values({ workspaceId, userId, role })
    .onConflictDoNothing({ target: [members.workspaceId, members.userId] })
    .returning({ memberId: members.id, role: members.role });
  if (inserted) return { ...inserted, created: true };
  const [existing] = await tx
    .select({ memberId: members.id, role: members.role })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.userId, userId)));
  return { ...existing, created: false };
}
