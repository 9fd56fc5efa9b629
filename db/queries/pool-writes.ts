import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../client';
import { poolPeriodClosings, poolPrograms, pools, type PoolClosingResult } from '../schema';

export type { PoolClosingResult };

// Closing a pool period: the pool row lock and the unique (pool, period) closing record are what
// make closing once-only; the service (lib/server/rewards/pools.ts) runs these in its transaction.

/** The pool, locked FOR UPDATE until the transaction ends; undefined when the workspace has none of this id. */
export async function lockPool(tx: Transaction, workspaceId: string, poolId: string) {
  const [pool] = await tx
    .select({ id: pools.id, unit: pools.unit, amount: pools.amount, period: pools.period, metric: pools.metric, goal: pools.goal })
    .from(pools)
    .where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, poolId)))
    .for('update');
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
