import 'server-only';
import { inOrder } from '../../../db/in-order';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { ledgerEntries, poolPeriodClosings, poolPrograms, pools } from '../../../db/schema';
import { insertEntries, loadPoolCredits, loadPoolRefunds } from '../../../db/queries/ledger';
import { loadBindings, loadEnrollmentStates, loadWorkspaceConfig } from '../../../db/queries/reward-state';
import { closePoolPeriod, EngineError, parsePoolPeriod } from '../../engine';
import { AppError } from '../../errors';
import { enqueueWebhooks } from '../webhooks/outbox';

/**
 * §6: closes a pool period once. The pool row is locked and the (pool, period) closing record is
 * unique, so closing again, even concurrently, returns the first result and pays nothing more.
 */
export async function closePool(db: Database, workspaceId: string, poolId: string, period: string, at: Date) {
  return db.transaction(async (tx) => {
    const [pool] = await tx.select().from(pools).where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, poolId))).for('update');
    if (!pool) throw new AppError('not_found', 'Pool not found.');
    const [closed] = await tx.select().from(poolPeriodClosings).where(and(eq(poolPeriodClosings.poolId, poolId), eq(poolPeriodClosings.period, period)));
    if (closed) return { alreadyClosed: true, closing: closed.result };
    let bounds;
    try {
      bounds = parsePoolPeriod(pool.period, period);
    } catch (err) {
      if (err instanceof EngineError) throw new AppError('invalid_input', err.message, { period: 'is not a period of this pool' });
      throw err;
    }
    const programIds = (await tx.select({ id: poolPrograms.programId }).from(poolPrograms).where(eq(poolPrograms.poolId, poolId))).map((r) => r.id);
    const from = new Date(bounds.startMs);
    const until = new Date(bounds.endMs);
    const [config, enrollments, credits, refunds, bindings] = await inOrder(
    () => loadWorkspaceConfig(tx, workspaceId),
    () => loadEnrollmentStates(tx, workspaceId, { programIds }),
    () => pool.metric === 'revenue' ? loadPoolCredits(tx, workspaceId, programIds, until) : Promise.resolve([]),
    () => pool.metric === 'revenue' ? loadPoolRefunds(tx, workspaceId, from, until) : Promise.resolve([]),
    () => pool.metric === 'customers' ? loadBindings(tx, workspaceId, { programIds }) : Promise.resolve([]),
  );
    let decision;
    try {
      decision = closePoolPeriod({
        pool: { id: pool.id, unit: pool.unit, amount: pool.amount, period: pool.period, programIds, metric: pool.metric, goal: pool.goal },
        period, closingAt: at, units: config.units, enrollments, credits, refunds, bindings,
      });
    } catch (err) {
      if (err instanceof EngineError) throw new AppError('invalid_input', err.message, { period: err.code });
      throw err;
    }
    const result = { period: decision.period, closedAt: at.toISOString(), standings: decision.standings };
    await tx.insert(poolPeriodClosings).values({ poolId, workspaceId, period: decision.period, closedAt: at, result });
    const bonuses = await insertEntries(tx, decision.entries, { workspaceId, eventId: null, customerId: null, createdAt: at });
    await enqueueWebhooks(tx, workspaceId, 'entry.created', bonuses.map((entry) => ({ entry, pool: { id: poolId, period: decision.period } })), at);
    return { alreadyClosed: false, closing: result };
  });
}

export async function bonusesOfPool(db: Database, workspaceId: string, poolId: string) {
  return db.select().from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.poolId, poolId)));
}
