import { createDatabase } from '../../db/client';
import { getRedis } from '../../lib/kv/redis';
import { flushClicks } from '../../lib/server/tracking/flush-clicks';
import { deliverDueWebhooks } from '../../lib/server/webhooks/deliver';

/**
 * Runs the cron-style jobs (click flush, webhook delivery) every few seconds while `npm run dev`
 * runs, as the cron entries of vercel.json call their routes in a deployment. They run in this
 * process against the same database and Redis rather than over HTTP: requests to the job routes
 * would make `next dev` rebuild and hot-reload open pages every few seconds. Quiet while jobs
 * succeed; a failure is reported once per streak, and recovery too.
 */
export function startJobTicker(opts: { databaseUrl: string; embedded: boolean; everyMs: number }): () => Promise<void> {
  const { db, close } = createDatabase(opts.databaseUrl, { embedded: opts.embedded });
  const jobs: [string, () => Promise<unknown>][] = [
    ['flush clicks', () => flushClicks(db, getRedis(), { budgetMs: 5_000 })],
    ['deliver webhooks', () => deliverDueWebhooks(db)],
  ];
  const failing = new Set<string>();
  let running = false;
  const tick = async () => {
    if (running) return; // a slow run (a big backlog) must not pile up
    running = true;
    for (const [name, job] of jobs) {
      try {
        await job();
        if (failing.delete(name)) console.log(`[jobs] ${name} works again`);
      } catch (err) {
        if (!failing.has(name)) console.error(`[jobs] ${name} failed (will keep trying every ${opts.everyMs / 1000} s): ${err instanceof Error ? err.message : String(err)}`);
        failing.add(name);
      }
    }
    running = false;
  };
  const timer = setInterval(tick, opts.everyMs);
  return async () => {
    clearInterval(timer);
    await close();
  };
}
