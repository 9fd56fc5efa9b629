import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../client';
import { poolPeriodClosings, poolPrograms, pools, type PoolClosingResult } from '../schema';
import type { PoolMetric, PoolPeriodKind } from '../../lib/domain/pools';

export type { PoolClosingResult };

// Closing a pool period: the pool row lock and the unique (pool, period) closing record are what
// make closing once-only; the service (lib/server/rewards/pools.ts) runs these in its transaction.

const poolColumns = {
  id: pools.id, name: pools.name, unit: pools.unit, amount: pools.amount, period: pools.period, metric: pools.metric, goal: pools.goal, createdAt: pools.createdAt,
};

/** The pool, locked FOR UPDATE until the transaction ends; undefined when the workspace has none of this id. */
export async function lockPool(tx: Transaction, workspaceId: string, poolId: string) {
  const [pool] = await tx.select(poolColumns).from(pools).where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, poolId))).for('update');
  return pool;
}

/** The same pool row without a lock, for previews and progress that write nothing. */
export async function readPool(db: Executor, workspaceId: string, poolId: string) {
  const [pool] = await db.select(poolColumns).from(pools).where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, poolId)));
  return pool;
}

export async function findPoolClosing(db: Executor, workspaceId: string, poolId: string, period: string): Promise<PoolClosingResult | undefined> {
  const [row] = await db
    .select({ result: poolPeriodClosings.result })
    .from(poolPeriodClosings)
    .where(and(eq(poolPeriodClosings.workspaceId, workspaceId), eq(poolPeriodClosings.poolId, poolId), eq(poolPeriodClosings.period, period)));
  return row?.result;
}

export async function poolProgramIds(db: Executor, workspaceId: string, poolId: string): Promise<string[]> {
  const rows = await db
    .select({ id: poolPrograms.programId })
    .from(poolPrograms)
    .where(and(eq(poolPrograms.workspaceId, workspaceId), eq(poolPrograms.poolId, poolId)));
  return rows.map((r) => r.id);
}

export async function insertPoolClosing(db: Executor, workspaceId: string, poolId: string, closedAt: Date, result: PoolClosingResult) {
  await db.insert(poolPeriodClosings).values({ poolId, workspaceId, period: result.period, closedAt, result });
}

export async function countPoolClosings(db: Executor, workspaceId: string, poolId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(poolPeriodClosings)
    .where(and(eq(poolPeriodClosings.workspaceId, workspaceId), eq(poolPeriodClosings.poolId, poolId)));
  return row?.n ?? 0;
}

// Configuring a pool (lib/server/pool-config.ts runs these in its transaction).

export interface PoolSettings {
  name: string;
  unit: string;
  amount: string;
  period: PoolPeriodKind;
  metric: PoolMetric;
  goal: string;
}

export async function poolSlugTaken(db: Executor, workspaceId: string, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: pools.id }).from(pools).where(and(eq(pools.workspaceId, workspaceId), eq(pools.slug, slug)));
  return Boolean(row);
}

export async function insertPoolSettings(db: Executor, workspaceId: string, slug: string, settings: PoolSettings) {
  const [row] = await db.insert(pools).values({ workspaceId, slug, ...settings }).returning({ id: pools.id });
  return row;
}

export async function updatePoolSettings(db: Executor, workspaceId: string, poolId: string, settings: PoolSettings) {
  await db.update(pools).set(settings).where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, poolId)));
}

/** The pool's member programs become exactly these (closed periods keep the standings they stored). */
export async function replacePoolPrograms(db: Executor, workspaceId: string, poolId: string, programIds: string[]) {
  await db.delete(poolPrograms).where(and(eq(poolPrograms.workspaceId, workspaceId), eq(poolPrograms.poolId, poolId)));
  if (programIds.length > 0) await db.insert(poolPrograms).values(programIds.map((programId) => ({ poolId, workspaceId, programId })));
}
