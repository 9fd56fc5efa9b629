import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../client';
import { programGroupMembers, programGroups, programs } from '../../schema';
import type { PartnerCategory, ProgramStatus } from '../../../lib/domain/programs';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// The REST API's reads of programs: every term, and the group the program is a tier of (a program
// is in at most one group, so the left joins add at most one row per program).

const keyset: KeysetColumns = { table: programs, workspaceId: programs.workspaceId, time: programs.createdAt, id: programs.id };

const programWithGroup = {
  program: programs,
  groupId: programGroups.id,
  groupName: programGroups.name,
  groupRank: programGroupMembers.rank,
};

export interface ProgramFilters {
  status?: ProgramStatus;
  unit?: string;
  category?: PartnerCategory;
}

function selectProgramsWithGroup(db: Executor) {
  return db
    .select(programWithGroup)
    .from(programs)
    .leftJoin(programGroupMembers, eq(programGroupMembers.programId, programs.id))
    .leftJoin(programGroups, eq(programGroups.id, programGroupMembers.groupId));
}

/** A page of the workspace's programs, newest first; `limit + 1` rows so the caller knows if more follow. */
export async function listProgramsPage(db: Executor, workspaceId: string, filters: ProgramFilters, limit: number, startingAfter: string | undefined) {
  const cursor = await cursorOf(db, keyset, workspaceId, startingAfter);
  return selectProgramsWithGroup(db)
    .where(
      and(
        eq(programs.workspaceId, workspaceId),
        filters.status ? eq(programs.status, filters.status) : undefined,
        filters.unit ? eq(programs.unit, filters.unit) : undefined,
        filters.category ? eq(programs.category, filters.category) : undefined,
        beforeCursor(keyset, cursor),
      ),
    )
    .orderBy(...newestFirst(keyset))
    .limit(limit + 1);
}

/** One program with its group; undefined when the id is not this workspace's. */
export async function findProgramWithGroup(db: Executor, workspaceId: string, programId: string) {
  const [row] = await selectProgramsWithGroup(db).where(and(eq(programs.workspaceId, workspaceId), eq(programs.id, programId)));
  return row;
}

export type ProgramWithGroup = NonNullable<Awaited<ReturnType<typeof findProgramWithGroup>>>;
