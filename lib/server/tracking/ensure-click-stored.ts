import 'server-only';
import type { Redis } from '@upstash/redis';
import type { Database } from '../../../db/client';
import { clickExists } from '../../../db/queries/tracked-clicks';
import { flushClicks } from './flush-clicks';

/**
 * For event ingestion: an order may name a click (`data.clickId`) that is still waiting in Redis,
 * because the visitor bought within seconds of clicking and the cron flush runs once a minute.
 * Call this before attributing: when the click is not in Postgres yet, it runs the flush now (or
 * waits briefly for a run already under way). Returns whether the workspace's click is stored;
 * false for an id that was never queued, or that belongs to another workspace.
 */
export async function ensureClickStored(db: Database, redis: Redis, workspaceId: string, clickId: string, waitMs = 3_000): Promise<boolean> {
  if (await clickExists(db, workspaceId, clickId)) return true;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const run = await flushClicks(db, redis, { budgetMs: Math.max(deadline - Date.now(), 0) });
    if (await clickExists(db, workspaceId, clickId)) return true;
    if ((!run.skipped && run.remaining === 0) || Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100)); // another run holds the lock: let it finish
  }
}
