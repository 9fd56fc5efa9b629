import 'server-only';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../client';
import { programGroupMembers, programGroups, programs } from '../schema';
import type { GroupStrategy } from '../../lib/domain/programs';

export interface GroupTier {
  rank: number;
  programId: string;
  name: string;
  unit: string;
  status: string;
}

export interface GroupDetail {
  id: string;
  slug: string;
  name: string;
  strategy: GroupStrategy;
  tiers: GroupTier[];
}

/** Every group of the workspace with its tiers in rank order (1 = top), groups by name. */
export async function listGroupDetails(db: Executor, workspaceId: string): Promise<GroupDetail[]> {
  const groups = await db
    .select({ id: programGroups.id, slug: programGroups.slug, name: programGroups.name, strategy: programGroups.strategy })
    .from(programGroups)
    .where(eq(programGroups.workspaceId, workspaceId))
    .orderBy(asc(programGroups.name), asc(programGroups.createdAt));
  const tiers = await tiersOf(db, workspaceId, groups.map((g) => g.id));
  return groups.map((g) => ({ ...g, tiers: tiers.filter((t) => t.groupId === g.id).map(withoutGroup) }));
}

/** One group with its tiers; undefined when the workspace has no group of this id. */
export async function findGroup(db: Executor, workspaceId: string, groupId: string): Promise<GroupDetail | undefined> {
  const [group] = await db
    .select({ id: programGroups.id, slug: programGroups.slug, name: programGroups.name, strategy: programGroups.strategy })
    .from(programGroups)
    .where(and(eq(programGroups.workspaceId, workspaceId), eq(programGroups.id, groupId)));
  if (!group) return undefined;
  const tiers = await tiersOf(db, workspaceId, [group.id]);
  return { ...group, tiers: tiers.map(withoutGroup) };
}

const withoutGroup = (t: GroupTier & { groupId: string }): GroupTier => ({ rank: t.rank, programId: t.programId, name: t.name, unit: t.unit, status: t.status });

async function tiersOf(db: Executor, workspaceId: string, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .select({ groupId: programGroupMembers.groupId, rank: programGroupMembers.rank, programId: programs.id, name: programs.name, unit: programs.unit, status: programs.status })
    .from(programGroupMembers)
    .innerJoin(programs, eq(programs.id, programGroupMembers.programId))
    .where(and(eq(programGroupMembers.workspaceId, workspaceId), inArray(programGroupMembers.groupId, groupIds)))
    .orderBy(asc(programGroupMembers.rank));
}

/** The workspace's programs with the group each belongs to (at most one), for the tier pickers. */
export async function programsWithGroups(db: Executor, workspaceId: string) {
  return db
    .select({ id: programs.id, name: programs.name, unit: programs.unit, status: programs.status, groupId: programGroups.id, groupName: programGroups.name })
    .from(programs)
    .leftJoin(programGroupMembers, eq(programGroupMembers.programId, programs.id))
    .leftJoin(programGroups, eq(programGroups.id, programGroupMembers.groupId))
    .where(eq(programs.workspaceId, workspaceId))
    .orderBy(asc(programs.status), asc(programs.name));
}

/** The group row locked until the transaction ends; undefined when the workspace has none of this id. */
export async function lockGroup(db: Executor, workspaceId: string, groupId: string) {
  const [row] = await db
    .select({ id: programGroups.id, name: programGroups.name })
    .from(programGroups)
    .where(and(eq(programGroups.workspaceId, workspaceId), eq(programGroups.id, groupId)))
    .for('update');
  return row;
}

export async function groupSlugTaken(db: Executor, workspaceId: string, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ id: programGroups.id })
    .from(programGroups)
    .where(and(eq(programGroups.workspaceId, workspaceId), eq(programGroups.slug, slug)));
  return Boolean(row);
}

/** Of these programs, the ones already in another group of the workspace, with that group's name. */
export async function programsInOtherGroups(db: Executor, workspaceId: string, programIds: string[], exceptGroupId: string | null) {
  if (programIds.length === 0) return [];
  const conds = [eq(programGroupMembers.workspaceId, workspaceId), inArray(programGroupMembers.programId, programIds)];
  if (exceptGroupId) conds.push(ne(programGroupMembers.groupId, exceptGroupId));
  return db
    .select({ programId: programGroupMembers.programId, program: programs.name, group: programGroups.name })
    .from(programGroupMembers)
    .innerJoin(programs, eq(programs.id, programGroupMembers.programId))
    .innerJoin(programGroups, eq(programGroups.id, programGroupMembers.groupId))
    .where(and(...conds));
}

export async function insertGroup(db: Executor, workspaceId: string, group: { slug: string; name: string; strategy: GroupStrategy }) {
  const [row] = await db.insert(programGroups).values({ workspaceId, ...group }).returning({ id: programGroups.id });
  return row;
}

export async function updateGroup(db: Executor, workspaceId: string, groupId: string, changes: { name: string; strategy: GroupStrategy }) {
  await db
    .update(programGroups)
    .set(changes)
    .where(and(eq(programGroups.workspaceId, workspaceId), eq(programGroups.id, groupId)));
}

/**
 * Replaces a group's tiers with these programs, ranked in the order given (1 = top). Deleting then
 * inserting in the caller's transaction keeps the (group, rank) unique index satisfied at every
 * statement, where renumbering rows in place would collide; the (program) unique index still
 * refuses a program of another group.
 */
export async function replaceGroupTiers(db: Executor, workspaceId: string, groupId: string, programIds: string[]) {
  await db.delete(programGroupMembers).where(and(eq(programGroupMembers.workspaceId, workspaceId), eq(programGroupMembers.groupId, groupId)));
  if (programIds.length === 0) return;
  await db.insert(programGroupMembers).values(programIds.map((programId, i) => ({ groupId, workspaceId, programId, rank: i + 1 })));
}

/** Of these ids, the workspace's own programs (id and name): an id missing here is "not found". */
export async function programsOfWorkspace(db: Executor, workspaceId: string, programIds: string[]) {
  if (programIds.length === 0) return [];
  return db
    .select({ id: programs.id, name: programs.name })
    .from(programs)
    .where(and(eq(programs.workspaceId, workspaceId), inArray(programs.id, programIds)));
}
