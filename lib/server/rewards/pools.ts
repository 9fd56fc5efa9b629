import 'server-only';
import { createHash } from 'node:crypto';
import { inOrder } from '../../../db/in-order';
import type { Database, Executor } from '../../../db/client';
import { findPoolClosing, insertPoolClosing, lockPool, poolProgramIds, readPool, type PoolClosingResult } from '../../../db/queries/pool-writes';
import { listPoolClosings } from '../../../db/queries/pool-progress';
import { insertEntries, loadPoolCredits, loadPoolRefunds } from '../../../db/queries/ledger';
import { loadBindings, loadEnrollmentStates, loadWorkspaceConfig } from '../../../db/queries/reward-state';
import { recordAudit } from '../../../db/queries/audit';
import {
  closePoolPeriod, Decimal, EngineError, formatAmount, isApprovedAt, parsePoolPeriod, resolveUnit, roundToPrecision,
  type PeriodBounds, type PoolCloseDecision, type PoolPeriodKind,
} from '../../engine';
import { customersMetric, revenueMetric } from '../../engine/pool-metrics';
import { AppError } from '../../errors';
import { enqueueWebhooks } from '../webhooks/outbox';

type Pool = NonNullable<Awaited<ReturnType<typeof readPool>>>;

// §6. Closing, its preview and the current period's progress read the same inputs with the same
// loaders and run the engine's own pool functions on them, so what the console shows before
// closing is what closing writes.

async function loadPoolInputs(db: Executor, workspaceId: string, pool: Pool, from: Date, until: Date) {
  const programIds = await poolProgramIds(db, workspaceId, pool.id);
  const [config, enrollments, credits, refunds, bindings] = await inOrder(
    () => loadWorkspaceConfig(db, workspaceId),
    () => loadEnrollmentStates(db, workspaceId, { programIds }),
    () => (pool.metric === 'revenue' ? loadPoolCredits(db, workspaceId, programIds, until) : Promise.resolve([])),
    () => (pool.metric === 'revenue' ? loadPoolRefunds(db, workspaceId, from, until) : Promise.resolve([])),
    () => (pool.metric === 'customers' ? loadBindings(db, workspaceId, { programIds }) : Promise.resolve([])),
  );
  return { programIds, config, enrollments, credits, refunds, bindings };
}
type PoolInputs = Awaited<ReturnType<typeof loadPoolInputs>>;

/** The pool's history starts at its creation, or earlier at its programs' first approved partner. */
function historyStartMs(pool: Pool, enrollments: PoolInputs['enrollments']): number {
  const approvals = enrollments.flatMap((e) => (e.approvedAt == null ? [] : [new Date(e.approvedAt).getTime()]));
  return Math.min(pool.createdAt.getTime(), ...approvals);
}

function periodKeyAt(kind: PoolPeriodKind, ms: number): string {
  const d = new Date(ms);
  return kind === 'year' ? `${d.getUTCFullYear()}` : `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

function boundsOf(kind: PoolPeriodKind, period: string): PeriodBounds {
  try {
    return parsePoolPeriod(kind, period);
  } catch (err) {
    if (err instanceof EngineError) throw new AppError('invalid_input', `This pool is closed by ${kind}.`, { period: `must be a ${kind === 'year' ? 'year such as 2026' : 'quarter such as 2026-Q1'}` });
    throw err;
  }
}

/** A period can be closed once it has ended, and only from the first period of the pool's history. */
function assertClosable(pool: Pool, bounds: PeriodBounds, inputs: PoolInputs, at: Date) {
  if (bounds.endMs > at.getTime()) {
    throw new AppError('invalid_input', `${bounds.key} has not ended yet.`, { period: `has not ended: it ends ${new Date(bounds.endMs).toISOString().slice(0, 10)}` });
  }
  const start = historyStartMs(pool, inputs.enrollments);
  if (bounds.endMs <= start) {
    throw new AppError('invalid_input', `${bounds.key} predates the pool.`, { period: `predates the pool: its first period is ${periodKeyAt(pool.period, start)}` });
  }
}

function decide(pool: Pool, period: string, at: Date, inputs: PoolInputs): PoolCloseDecision {
  try {
    return closePoolPeriod({
      pool: { id: pool.id, unit: pool.unit, amount: pool.amount, period: pool.period, programIds: inputs.programIds, metric: pool.metric, goal: pool.goal },
      period, closingAt: at, units: inputs.config.units, enrollments: inputs.enrollments, credits: inputs.credits, refunds: inputs.refunds, bindings: inputs.bindings,
    });
  } catch (err) {
    if (err instanceof EngineError) throw new AppError('invalid_input', err.message, { period: err.message });
    throw err;
  }
}

/** Fingerprint of what a closing would pay: a confirm carries the preview's, and a change refuses it. */
export function closingFingerprint(pool: Pool, decision: PoolCloseDecision): string {
  const standings = decision.standings.map((s) => [s.partnerId, s.metric, s.qualified, s.bonus]);
  return createHash('sha256').update(JSON.stringify([decision.period, pool.unit, pool.amount, pool.goal, pool.metric, standings])).digest('hex').slice(0, 16);
}

/**
 * What closing `period` at `at` would decide, read with the same loaders for the preview and the
 * closing itself (which holds the pool's lock): the stored result if it is closed already.
 */
async function planClosing(tx: Executor, workspaceId: string, pool: Pool, period: string, at: Date) {
  const bounds = boundsOf(pool.period, period);
  const closed = await findPoolClosing(tx, workspaceId, pool.id, bounds.key);
  if (closed) return { closed } as const;
  const inputs = await loadPoolInputs(tx, workspaceId, pool, new Date(bounds.startMs), new Date(bounds.endMs));
  assertClosable(pool, bounds, inputs, at);
  return { closed: null, inputs, decision: decide(pool, bounds.key, at, inputs) } as const;
}

/**
 * §6: closes a pool period once. The pool row is locked and the (pool, period) closing record is
 * unique, so closing again, even concurrently, returns the first result and pays nothing more.
 * With `preview`, closing is refused when the figures differ from the preview the person confirmed.
 */
export async function closePool(
  db: Database, workspaceId: string, poolId: string, period: string, at: Date,
  opts: { preview?: string; /** the member who closes it; scripts and jobs pass none */ actorUserId?: string | null } = {},
): Promise<{ alreadyClosed: boolean; closing: PoolClosingResult }> {
  return db.transaction(async (tx) => {
    const pool = await lockPool(tx, workspaceId, poolId);
    if (!pool) throw new AppError('not_found', 'Pool not found.');
    const plan = await planClosing(tx, workspaceId, pool, period, at);
    if (plan.closed) return { alreadyClosed: true, closing: plan.closed };
    const { decision } = plan;
    if (opts.preview && opts.preview !== closingFingerprint(pool, decision)) {
      throw new AppError('conflict', 'The figures changed since the preview (new events or new pool settings): review the preview again before closing.');
    }
    const result: PoolClosingResult = { period: decision.period, closedAt: at.toISOString(), standings: decision.standings };
    await insertPoolClosing(tx, workspaceId, poolId, at, result);
    const bonuses = await insertEntries(tx, decision.entries, { workspaceId, eventId: null, customerId: null, createdAt: at });
    await enqueueWebhooks(tx, workspaceId, 'entry.created', bonuses.map((entry) => ({ entry, pool: { id: poolId, period: decision.period } })), at);
    const qualified = decision.standings.filter((s) => s.qualified);
    await recordAudit(tx, {
      workspaceId, actorUserId: opts.actorUserId ?? null, action: 'pool.period_closed', subjectType: 'pool', subjectId: poolId,
      after: {
        period: decision.period, measured: decision.standings.length, qualified: qualified.length,
        paid: qualified.reduce((sum, s) => sum.plus(s.bonus ?? 0), new Decimal(0)).toFixed(), unit: pool.unit,
      },
      data: { name: pool.name, period: decision.period },
    });
    return { alreadyClosed: false, closing: result };
  });
}

export type PoolClosingPreview =
  | { alreadyClosed: true; closing: PoolClosingResult }
  | { alreadyClosed: false; period: string; standings: PoolCloseDecision['standings']; fingerprint: string; poolAmount: string };

/** What closing `period` at `at` would write, computed exactly as closing does; writes nothing. */
export async function previewPoolClosing(db: Database, workspaceId: string, poolId: string, period: string, at: Date): Promise<PoolClosingPreview> {
  // a read-only transaction: one consistent snapshot, the same one the closing's lock would see
  return db.transaction(async (tx) => {
    const pool = await readPool(tx, workspaceId, poolId);
    if (!pool) throw new AppError('not_found', 'Pool not found.');
    const plan = await planClosing(tx, workspaceId, pool, period, at);
    if (plan.closed) return { alreadyClosed: true, closing: plan.closed };
    const { inputs, decision } = plan;
    const precision = resolveUnit(pool.unit, inputs.config.units).precision;
    const poolAmount = formatAmount(roundToPrecision(pool.amount, precision), precision);
    return { alreadyClosed: false, period: decision.period, standings: decision.standings, fingerprint: closingFingerprint(pool, decision), poolAmount };
  }, { accessMode: 'read only' });
}

/** The periods that can be closed at `at`, newest first: ended, not before the pool's history, not yet closed. */
export async function closablePeriods(db: Executor, workspaceId: string, poolId: string, at: Date, limit = 40): Promise<string[]> {
  const pool = await readPool(db, workspaceId, poolId);
  if (!pool) throw new AppError('not_found', 'Pool not found.');
  const programIds = await poolProgramIds(db, workspaceId, pool.id);
  const start = historyStartMs(pool, await loadEnrollmentStates(db, workspaceId, { programIds }));
  const closed = new Set((await listPoolClosings(db, workspaceId, poolId)).map((c) => c.period));
  const previous = (b: PeriodBounds) => parsePoolPeriod(pool.period, periodKeyAt(pool.period, b.startMs - 1));
  let bounds = parsePoolPeriod(pool.period, periodKeyAt(pool.period, at.getTime()));
  while (bounds.endMs > at.getTime()) bounds = previous(bounds);
  const periods: string[] = [];
  for (; periods.length < limit && bounds.endMs > start; bounds = previous(bounds)) if (!closed.has(bounds.key)) periods.push(bounds.key);
  return periods;
}

/**
 * The current period so far: each partner approved in a member program now, measured with the
 * engine's metric over what is recorded until `at` (what closing now would measure, if it could).
 */
export async function poolProgress(db: Executor, workspaceId: string, poolId: string, at: Date) {
  const pool = await readPool(db, workspaceId, poolId);
  if (!pool) throw new AppError('not_found', 'Pool not found.');
  const bounds = parsePoolPeriod(pool.period, periodKeyAt(pool.period, at.getTime()));
  const inputs = await loadPoolInputs(db, workspaceId, pool, new Date(bounds.startMs), at);
  // the period so far: what happened from its start until `at`
  const soFar = { ...bounds, endMs: Math.min(bounds.endMs, at.getTime() + 1) };
  const metrics = pool.metric === 'revenue'
    ? revenueMetric(inputs.credits, inputs.refunds, inputs.programIds, soFar)
    : customersMetric(inputs.bindings, inputs.programIds, soFar);
  const measured = new Set(inputs.enrollments.filter((e) => isApprovedAt(e, at.getTime())).map((e) => e.partnerId));
  const goal = new Decimal(pool.goal);
  const standings = [...measured]
    .map((partnerId) => {
      const metric = metrics.get(partnerId) ?? new Decimal(0);
      // the engine's qualifying test at closing: strictly above the goal (and above zero)
      return { partnerId, metric: metric.toFixed(), aboveGoal: metric.gt(goal) && metric.gt(0) };
    })
    .sort((a, b) => new Decimal(b.metric).cmp(a.metric) || a.partnerId.localeCompare(b.partnerId));
  return { period: bounds.key, start: new Date(bounds.startMs), end: new Date(bounds.endMs), metric: pool.metric, goal: pool.goal, standings };
}
