import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, poolPeriodClosings, poolPrograms, pools, programs } from '../schema';

// The reads behind a pool's own page: its settings and member programs, and the periods it closed.
// Progress and previews are computed by lib/server/rewards/pools.ts from the engine's inputs.

/** A pool with its member programs; undefined when the workspace has no pool of this id. */
export async function findPoolDetail(db: Executor, workspaceId: string, poolId: string) {
  const [pool] = await db
    .select({
      id: pools.id, slug: pools.slug, name: pools.name, unit: pools.unit, amount: pools.amount, period: pools.period,
      metric: pools.metric, goal: pools.goal, createdAt: pools.createdAt,
    })
    .from(pools)
    .where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, poolId)));
  if (!pool) return undefined;
  const members = await db
    .select({ id: programs.id, name: programs.name })
    .from(poolPrograms)
    .innerJoin(programs, eq(programs.id, poolPrograms.programId))
    .where(and(eq(poolPrograms.workspaceId, workspaceId), eq(poolPrograms.poolId, poolId)))
    .orderBy(asc(programs.name));
  return { ...pool, programs: members };
}
export type PoolDetail = NonNullable<Awaited<ReturnType<typeof findPoolDetail>>>;

/** The pool's closed periods, newest first, with the standings stored when each closed. */
export async function listPoolClosings(db: Executor, workspaceId: string, poolId: string) {
  return db
    .select({ period: poolPeriodClosings.period, closedAt: poolPeriodClosings.closedAt, result: poolPeriodClosings.result })
    .from(poolPeriodClosings)
    .where(and(eq(poolPeriodClosings.workspaceId, workspaceId), eq(poolPeriodClosings.poolId, poolId)))
    .orderBy(desc(poolPeriodClosings.period));
}

export interface ClosingTerms {
  metric: string;
  goal: string;
  poolAmount: string;
  unit: string;
}

/**
 * The terms each closed period paid by (metric, goal, amount, unit), read from its bonus entries'
 * explanations: the pool may have been edited since. A period nobody qualified in has no entry.
 */
export async function closingTermsOf(db: Executor, workspaceId: string, poolId: string): Promise<Map<string, ClosingTerms>> {
  const rows = await db
    .selectDistinctOn([ledgerEntries.poolPeriod], { period: ledgerEntries.poolPeriod, unit: ledgerEntries.unit, explanation: ledgerEntries.explanation })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.poolId, poolId), eq(ledgerEntries.kind, 'bonus')))
    .orderBy(ledgerEntries.poolPeriod, asc(ledgerEntries.seq));
  const terms = new Map<string, ClosingTerms>();
  for (const r of rows) {
    const e = r.explanation as { metric?: unknown; goal?: unknown; poolAmount?: unknown };
    if (r.period && typeof e.metric === 'string' && typeof e.goal === 'string' && typeof e.poolAmount === 'string') {
      terms.set(r.period, { metric: e.metric, goal: e.goal, poolAmount: e.poolAmount, unit: r.unit });
    }
  }
  return terms;
}
