import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../client';
import { poolPrograms, pools, programs } from '../../schema';
import type { PoolMetric, PoolPeriodKind } from '../../../lib/domain/pools';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// The REST API's reads of performance pools, each with its member programs (by name).

const keyset: KeysetColumns = { table: pools, workspaceId: pools.workspaceId, time: pools.createdAt, id: pools.id };

const poolColumns = {
  id: pools.id,
  slug: pools.slug,
  name: pools.name,
  unit: pools.unit,
  amount: pools.amount,
  period: pools.period,
  metric: pools.metric,
  goal: pools.goal,
  active: pools.active,
  createdAt: pools.createdAt,
};

type PoolRow = { id: string; slug: string; name: string; unit: string; amount: string; period: PoolPeriodKind; metric: PoolMetric; goal: string; active: boolean; createdAt: Date };
export type ApiPool = PoolRow & { programs: { id: string; name: string }[] };

export interface PoolFilters {
  active?: boolean;
  period?: PoolPeriodKind;
  metric?: PoolMetric;
}

async function withPrograms(db: Executor, workspaceId: string, rows: PoolRow[]): Promise<ApiPool[]> {
  if (rows.length === 0) return [];
  const members = await db
    .select({ poolId: poolPrograms.poolId, id: programs.id, name: programs.name })
    .from(poolPrograms)
    .innerJoin(programs, eq(programs.id, poolPrograms.programId))
    .where(and(eq(poolPrograms.workspaceId, workspaceId), inArray(poolPrograms.poolId, rows.map((p) => p.id))))
    .orderBy(asc(programs.name), asc(programs.id));
  return rows.map((p) => ({ ...p, programs: members.filter((m) => m.poolId === p.id).map((m) => ({ id: m.id, name: m.name })) }));
}

/** A page of the workspace's pools, newest first; `limit + 1` rows so the caller knows if more follow. */
export async function listPoolsPage(db: Executor, workspaceId: string, filters: PoolFilters, limit: number, startingAfter: string | undefined) {
  const cursor = await cursorOf(db, keyset, workspaceId, startingAfter);
  const rows = await db
    .select(poolColumns)
    .from(pools)
    .where(
      and(
        eq(pools.workspaceId, workspaceId),
        filters.active === undefined ? undefined : eq(pools.active, filters.active),
        filters.period ? eq(pools.period, filters.period) : undefined,
        filters.metric ? eq(pools.metric, filters.metric) : undefined,
        beforeCursor(keyset, cursor),
      ),
    )
    .orderBy(...newestFirst(keyset))
    .limit(limit + 1);
  return withPrograms(db, workspaceId, rows);
}

/** One pool with its programs; undefined when the id is not this workspace's. */
export async function findApiPool(db: Executor, workspaceId: string, poolId: string): Promise<ApiPool | undefined> {
  const rows = await db.select(poolColumns).from(pools).where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, poolId)));
  return (await withPrograms(db, workspaceId, rows))[0];
}
