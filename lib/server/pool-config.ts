import 'server-only';
import type { Database, Executor } from '../../db/client';
import { programsOfWorkspace } from '../../db/queries/groups';
import {
  countPoolClosings, insertPoolSettings, lockPool, poolProgramIds, poolSlugTaken, replacePoolPrograms, updatePoolSettings, type PoolSettings,
} from '../../db/queries/pool-writes';
import { listUnits } from '../../db/queries/units';
import { recordAudit } from '../../db/queries/audit';
import { resolveUnit } from '../engine';
import { AppError } from '../errors';
import type { PoolConfigInput, PoolUpdateInput } from '../validation/pools';
import type { MerchantScope } from './scope';
import { slugify } from './slug';
import { auditJson, sameSnapshot } from './audit-json';

// Performance pools (SPEC §6) as the console configures them. A change applies to periods closed
// after it; a closed period keeps the standings it stored, and its bonus entries explain themselves.

/** A pool as the audit log keeps it: its settings and member programs (a set: sorted by name, with their names then). */
const poolSnapshot = (settings: PoolSettings, programs: { id: string; name: string }[]) =>
  auditJson({ ...settings, programs: [...programs].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) });

/** The member programs with their names, in the order given. */
async function namedPrograms(tx: Executor, workspaceId: string, programIds: string[]) {
  const names = new Map((await programsOfWorkspace(tx, workspaceId, programIds)).map((p) => [p.id, p.name]));
  return programIds.map((id) => ({ id, name: names.get(id) ?? id }));
}

/** The unit as stored (a custom unit's key, or an upper-case currency code) and the amount within its precision. */
async function checkSettings(tx: Executor, workspaceId: string, input: PoolConfigInput): Promise<PoolSettings> {
  const units = await listUnits(tx, workspaceId);
  const key = units.some((u) => u.key === input.unit) ? input.unit : input.unit.toUpperCase();
  if (!units.some((u) => u.key === key) && !/^[A-Z]{3}$/.test(key)) {
    throw new AppError('invalid_input', 'Unknown reward unit.', { unit: 'must be a currency code or one of your custom units' });
  }
  const { precision } = resolveUnit(key, units);
  const decimals = input.amount.split('.')[1]?.length ?? 0;
  if (decimals > precision) {
    throw new AppError('invalid_input', 'The amount has more decimals than its unit.', { amount: `${key} has ${precision === 0 ? 'no decimals' : `at most ${precision} decimal${precision === 1 ? '' : 's'}`}` });
  }
  const known = new Set((await programsOfWorkspace(tx, workspaceId, input.programIds)).map((p) => p.id));
  if (input.programIds.some((id) => !known.has(id))) throw new AppError('not_found', 'Program not found.', { programIds: 'names a program that does not exist' });
  return { name: input.name, unit: key, amount: input.amount, period: input.period, metric: input.metric, goal: input.goal };
}

export async function createPool(db: Database, scope: MerchantScope, input: PoolConfigInput) {
  return db.transaction(async (tx) => {
    const settings = await checkSettings(tx, scope.workspaceId, input);
    const base = slugify(input.name);
    let slug = base;
    for (let i = 2; await poolSlugTaken(tx, scope.workspaceId, slug); i++) slug = `${base}-${i}`;
    const pool = await insertPoolSettings(tx, scope.workspaceId, slug, settings);
    await replacePoolPrograms(tx, scope.workspaceId, pool.id, input.programIds);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'pool.created', subjectType: 'pool', subjectId: pool.id,
      after: poolSnapshot(settings, await namedPrograms(tx, scope.workspaceId, input.programIds)), data: { name: settings.name },
    });
    return pool;
  });
}

/**
 * Edits a pool. Its period kind is fixed once a period is closed: a year over closed quarters (or
 * the reverse) would pay the same months twice.
 */
export async function updatePool(db: Database, scope: MerchantScope, input: PoolUpdateInput) {
  return db.transaction(async (tx) => {
    // the lock orders the edit with closings, which read the pool under the same lock
    const pool = await lockPool(tx, scope.workspaceId, input.poolId);
    if (!pool) throw new AppError('not_found', 'Pool not found.');
    const settings = await checkSettings(tx, scope.workspaceId, input);
    if (settings.period !== pool.period && (await countPoolClosings(tx, scope.workspaceId, pool.id)) > 0) {
      throw new AppError('invalid_input', 'The period cannot change once a period has been closed.', { period: `stays ${pool.period === 'year' ? 'a year' : 'a quarter'}: closed periods would overlap` });
    }
    const beforeSettings: PoolSettings = { name: pool.name, unit: pool.unit, amount: pool.amount, period: pool.period, metric: pool.metric, goal: pool.goal };
    const before = poolSnapshot(beforeSettings, await namedPrograms(tx, scope.workspaceId, await poolProgramIds(tx, scope.workspaceId, pool.id)));
    const after = poolSnapshot(settings, await namedPrograms(tx, scope.workspaceId, input.programIds));
    await updatePoolSettings(tx, scope.workspaceId, pool.id, settings);
    await replacePoolPrograms(tx, scope.workspaceId, pool.id, input.programIds);
    if (!sameSnapshot(before, after)) {
      await recordAudit(tx, {
        workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'pool.updated', subjectType: 'pool', subjectId: pool.id,
        before, after, data: { name: settings.name },
      });
    }
    return { id: pool.id };
  });
}
