import 'server-only';
import { inOrder } from '../../../db/in-order';
import type { Database } from '../../../db/client';
import { findPoolClosing, insertPoolClosing, lockPool, poolProgramIds, type PoolClosingResult } from '../../../db/queries/pool-writes';
import { insertEntries, loadPoolCredits, loadPoolRefunds } from '../../../db/queries/ledger';
import { loadBindings, loadEnrollmentStates, loadWorkspaceConfig } from '../../../db/queries/reward-state';
import { closePoolPeriod, EngineError, parsePoolPeriod } from '../../engine';
import { AppError } from '../../errors';
import { enqueueWebhooks } from '../webhooks/outbox';

/**
 * §6: closes a pool period once. The pool row is locked and the (pool, period) closing record is
 * unique, so closing again, even concurrently, returns the first result and pays nothing more.
 */
export async function closePool(db: Database, workspaceId: string, poolId: string, period: string, at: Date): Promise<{ alreadyClosed: boolean; closing: PoolClosingResult }> {
  return db.transaction(async (tx) => {
    const pool = await lockPool(tx, workspaceId, poolId);
    if (!pool) throw new AppError('not_found', 'Pool not found.');
    const closed = await findPoolClosing(tx, workspaceId, poolId, period);
    if (closed) return { alreadyClosed: true, closing: closed };
    let bounds;
    try {
      bounds = parsePoolPeriod(pool.period, period);
    } catch (err) {
      if (err instanceof EngineError) throw new AppError('invalid_input', err.message, { period: 'is not a period of this pool' });
      throw err;
    }
    const programIds = await poolProgramIds(tx, workspaceId, poolId);
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
    const result: PoolClosingResult = { period: decision.period, closedAt: at.toISOString(), standings: decision.standings };
    await insertPoolClosing(tx, workspaceId, poolId, at, result);
    const bonuses = await insertEntries(tx, decision.entries, { workspaceId, eventId: null, customerId: null, createdAt: at });
    await enqueueWebhooks(tx, workspaceId, 'entry.created', bonuses.map((entry) => ({ entry, pool: { id: poolId, period: decision.period } })), at);
    return { alreadyClosed: false, closing: result };
  });
}
