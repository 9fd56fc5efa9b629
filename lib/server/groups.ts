import 'server-only';
import type { Database, Executor } from '../../db/client';
import {
  findGroup, groupSlugTaken, insertGroup, lockGroup, programsInOtherGroups, programsOfWorkspace, replaceGroupTiers, updateGroup,
} from '../../db/queries/groups';
import { recordAudit } from '../../db/queries/audit';
import { AppError } from '../errors';
import type { GroupUpdateInput, ProgramGroupInput } from '../validation/groups';
import type { MerchantScope } from './scope';
import { slugify } from './slug';
import { auditJson, sameSnapshot } from './audit-json';

// Program groups (SPEC §4.4). A program belongs to at most one group: the unique index on
// program_group_members(program_id) is the guarantee; reading first only words the refusal.

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}

/**
 * Refuses an id of another workspace as "not found" and a program of another group by name; returns
 * the tiers in rank order with their names (what the audit log shows of a group).
 */
async function checkTiers(tx: Executor, workspaceId: string, programIds: string[], groupId: string | null) {
  const known = new Map((await programsOfWorkspace(tx, workspaceId, programIds)).map((p) => [p.id, p.name]));
  if (programIds.some((id) => !known.has(id))) throw new AppError('not_found', 'Program not found.', { programIds: 'names a program that does not exist' });
  const taken = await programsInOtherGroups(tx, workspaceId, programIds, groupId);
  if (taken.length > 0) {
    const which = taken.map((t) => `${t.program} is already in “${t.group}”`).join('; ');
    throw new AppError('invalid_input', 'A program can be in one group only.', { programIds: `${which}: remove it there first` });
  }
  return programIds.map((id) => ({ id, name: known.get(id)! }));
}

/** A group as the audit log keeps it: name, strategy and the programs in rank order (first = rank 1). */
const groupSnapshot = (g: { name: string; strategy: string }, programs: { id: string; name: string }[]) =>
  auditJson({ name: g.name, strategy: g.strategy, programs });

async function writeTiers(tx: Executor, workspaceId: string, groupId: string, programIds: string[]) {
  try {
    await replaceGroupTiers(tx, workspaceId, groupId, programIds);
  } catch (err) {
    // another request put one of these programs in a group since we looked
    if (isUniqueViolation(err)) throw new AppError('invalid_input', 'A program can be in one group only.', { programIds: 'a program here was just added to another group: reload and try again' });
    throw err;
  }
}

export async function createGroup(db: Database, scope: MerchantScope, input: ProgramGroupInput) {
  return db.transaction(async (tx) => {
    const tiers = await checkTiers(tx, scope.workspaceId, input.programIds, null);
    const base = slugify(input.name);
    let slug = base;
    for (let i = 2; await groupSlugTaken(tx, scope.workspaceId, slug); i++) slug = `${base}-${i}`;
    const group = await insertGroup(tx, scope.workspaceId, { slug, name: input.name, strategy: input.strategy });
    await writeTiers(tx, scope.workspaceId, group.id, input.programIds);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'group.created', subjectType: 'group', subjectId: group.id,
      after: groupSnapshot(input, tiers), data: { name: input.name },
    });
    return group;
  });
}

/** Renames, changes the strategy and replaces the tiers in one step; applies to events received after it. */
export async function updateGroupTiers(db: Database, scope: MerchantScope, input: GroupUpdateInput) {
  return db.transaction(async (tx) => {
    // the lock orders concurrent edits of one group, so neither sees the other's half-written tiers
    const group = await lockGroup(tx, scope.workspaceId, input.groupId);
    if (!group) throw new AppError('not_found', 'Group not found.');
    const tiers = await checkTiers(tx, scope.workspaceId, input.programIds, group.id);
    const current = (await findGroup(tx, scope.workspaceId, group.id))!;
    const before = groupSnapshot(current, current.tiers.map((t) => ({ id: t.programId, name: t.name })));
    const after = groupSnapshot(input, tiers);
    await updateGroup(tx, scope.workspaceId, group.id, { name: input.name, strategy: input.strategy });
    await writeTiers(tx, scope.workspaceId, group.id, input.programIds);
    if (!sameSnapshot(before, after)) {
      await recordAudit(tx, {
        workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'group.updated', subjectType: 'group', subjectId: group.id,
        before, after, data: { name: input.name },
      });
    }
    return { id: group.id };
  });
}
