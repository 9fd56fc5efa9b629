import 'server-only';
import type { Redis } from '@upstash/redis';
import type { Database } from '../../../db/client';
import { insertClickRows } from '../../../db/queries/tracked-clicks';
import { trackingKeys } from '../../tracking/keys';
import { clickRowOf, parseClickMessage } from './click-message';

const LOCK_SECONDS = 120;
export const MAX_BUDGET_MS = 55_000;

export interface FlushOptions {
  batchSize?: number;
  /** stop starting new batches after this long (a batch under way finishes) */
  budgetMs?: number;
  lockKey?: string;
  /** fault injection for tests: runs after a batch is in Postgres and before it leaves Redis */
  afterInsert?: (batchNumber: number) => void | Promise<void>;
}

export interface FlushResult {
  /** clicks written to Postgres by this run */
  flushed: number;
  /** entries already in Postgres (a replay after a crash, or relayed during a Redis outage) */
  alreadyStored: number;
  /** clicks of links deleted since, and unreadable entries (moved to clicks:dead) */
  dropped: number;
  batches: number;
  /** still waiting in Redis when the run ended */
  remaining: number;
  /** another run held the lock: this one did nothing */
  skipped?: 'locked';
}

/**
 * Moves clicks from the Redis list into Postgres, batch by batch, exactly once by click id:
 *
 *   1. LRANGE the head of clicks:pending (the list is only ever appended to at the tail);
 *   2. insert the batch in one statement, ON CONFLICT (id) DO NOTHING;
 *   3. only then remove those very entries: one LREM <entry> per entry, and the DEL of each
 *      click's own record (the one an order reads, see ensure-click-stored.ts), pipelined.
 *
 * A crash between 2 and 3 leaves the entries in Redis; the next run inserts nothing new for them
 * and removes them. Removal is by value rather than LTRIM by count so that even two runs that
 * overlap (a lock that expired under a stalled run) can only remove what was stored: each entry is
 * unique (it holds its click id) and LREM of an entry already gone removes nothing. The lock just
 * keeps runs from doing the same work twice.
 */
export async function flushClicks(db: Database, redis: Redis, opts: FlushOptions = {}): Promise<FlushResult> {
  const batchSize = Math.min(Math.max(opts.batchSize ?? 1000, 1), 5000);
  const budgetMs = Math.min(Math.max(opts.budgetMs ?? 10_000, 0), MAX_BUDGET_MS);
  const lockKey = opts.lockKey ?? trackingKeys.flushLock();
  const pending = trackingKeys.pendingClicks();
  const token = `${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2)}`;
  const result: FlushResult = { flushed: 0, alreadyStored: 0, dropped: 0, batches: 0, remaining: 0 };

  if ((await redis.set(lockKey, token, { nx: true, ex: LOCK_SECONDS })) !== 'OK') {
    return { ...result, remaining: await redis.llen(pending), skipped: 'locked' };
  }
  try {
    const started = Date.now();
    do {
      const entries = await redis.lrange<string>(pending, 0, batchSize - 1);
      if (entries.length === 0) break;
      result.batches++;
      const storedIds = await storeBatch(db, redis, entries, result);
      await opts.afterInsert?.(result.batches);
      const removal = redis.pipeline();
      for (const entry of entries) removal.lrem(pending, 1, entry);
      for (const id of storedIds) removal.del(trackingKeys.queuedClick(id));
      await removal.exec();
      if (entries.length < batchSize) break;
    } while (Date.now() - started < budgetMs);
    result.remaining = await redis.llen(pending);
    return result;
  } finally {
    // release only our own lock (a stalled run must not free the next run's); the tiny race
    // between GET and DEL is harmless because overlapping runs cannot lose or double a click
    if ((await redis.get(lockKey).catch(() => null)) === token) await redis.del(lockKey).catch(() => undefined);
  }
}

/** Stores a batch; returns the ids of the clicks it read (now in Postgres, or of a deleted link). */
async function storeBatch(db: Database, redis: Redis, entries: string[], result: FlushResult): Promise<string[]> {
  const rows = [];
  const unreadable: string[] = [];
  for (const entry of entries) {
    const message = parseClickMessage(entry);
    if (message) rows.push(clickRowOf(message));
    else unreadable.push(entry);
  }
  const outcome = await insertClickRows(db, rows);
  if (unreadable.length) {
    await redis.rpush(trackingKeys.deadClicks(), ...unreadable);
    console.error(`[flush-clicks] moved ${unreadable.length} unreadable queue entr${unreadable.length === 1 ? 'y' : 'ies'} to ${trackingKeys.deadClicks()}`);
  }
  if (outcome.orphaned) console.warn(`[flush-clicks] skipped ${outcome.orphaned} click(s) of links that no longer exist`);
  result.flushed += outcome.inserted;
  result.alreadyStored += outcome.alreadyStored;
  result.dropped += outcome.orphaned + unreadable.length;
  return rows.map((r) => r.id);
}
