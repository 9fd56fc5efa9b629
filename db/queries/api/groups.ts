import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../client';
import { programGroupMembers, programGroups, programs } from '../../schema';
import type { GroupStrategy } from '../../../lib/domain/programs';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// The REST API's reads of program groups, each with its tiers in rank order (1 = top).

const keyset: KeysetColumns = { table: programGroups, workspaceId: programGroups.workspaceId, time: programGroups.createdAt, id: programGroups.id };

const groupColumns = {
  id: programGroups.id,
  slug: programGroups.slug,
  name: programGroups.name,
  strategy: programGroups.strategy,
  createdAt: programGroups.createdAt,
};

export interface ApiGroupTier {
  rank: number;
  programId: string;
  name: string;
  unit: string;
  status: string;
}

export interface ApiGroup {
  id: string;
  slug: string;
  name: string;
  strategy: GroupStrategy;
  createdAt: Date;
  tiers: ApiGroupTier[];
}

async function withTiers(db: Executor, workspaceId: string, groups: Omit<ApiGroup, 'tiers'>[]): Promise<ApiGroup[]> {
  if (groups.length === 0) return [];
  const tiers = await db
    .select({ groupId: programGroupMembers.groupId, rank: programGroupMembers.rank, programId: programs.id, name: programs.name, unit: programs.unit, status: programs.status })
    .from(programGroupMembers)
    .innerJoin(programs, eq(programs.id, programGroupMembers.programId))
    .where(and(eq(programGroupMembers.workspaceId, workspaceId), inArray(programGroupMembers.groupId, groups.map((g) => g.id))))
    .orderBy(asc(programGroupMembers.rank));
  return groups.map((g) => ({
    ...g,
    tiers: tiers.filter((t) => t.groupId === g.id).map((t) => ({ rank: t.rank, programId: t.programId, name: t.name, unit: t.unit, status: t.status })),
  }));
}

/** A page of the workspace's groups, newest first; `limit + 1` rows so the caller knows if more follow. */
export async function listGroupsPage(db: Executor, workspaceId: string, filters: { strategy?: GroupStrategy }, limit: number, startingAfter: string | undefined) {
  const cursor = await cursorOf(db, keyset, workspaceId, startingAfter);
  const groups = await db
    .select(groupColumns)
    .from(programGroups)
    .where(and(eq(programGroups.workspaceId, workspaceId), filters.strategy ? eq(programGroups.strategy, filters.strategy) : undefined, beforeCursor(keyset, cursor)))
    .orderBy(...newestFirst(keyset))
    .limit(limit + 1);
  return withTiers(db, workspaceId, groups);
}

/** One group with its tiers; undefined when the id is not this workspace's. */
export async function findApiGroup(db: Executor, workspaceId: string, groupId: string): Promise<ApiGroup | undefined> {
  const groups = await db.select(groupColumns).from(programGroups).where(and(eq(programGroups.workspaceId, workspaceId), eq(programGroups.id, groupId)));
  return (await withTiers(db, workspaceId, groups))[0];
}
