import { createDatabase } from '../../db/client';
import { getRedis } from '../../lib/kv/redis';
import { flushClicks } from '../../lib/server/tracking/flush-clicks';
import { deliverDueWebhooks } from '../../lib/server/webhooks/deliver';
import { runDealExpiryJob } from '../../lib/server/rewards/deals';
import { releaseDueStripeEvents } from '../../lib/server/stripe/release-job';
import { resumeBuildingBatches } from '../../lib/server/rewards/payout-build';
import { runNotificationsJob } from '../../lib/server/notifications/send';

const DEAL_EXPIRY_EVERY_MS = 60_000;
const PAYABLE_SCAN_EVERY_MS = 60_000;

/** Runs `job` at most once per `everyMs` although the ticker calls it on every tick. */
function atMostEvery(everyMs: number, job: () => Promise<unknown>): () => Promise<unknown> {
  let last = 0;
  return async () => {
    if (Date.now() - last < everyMs) return;
    await job();
    last = Date.now();
  };
}

/**
 * Runs the cron-style jobs while `npm run dev` runs, as the cron entries of vercel.json call their
 * routes in a deployment: click flush, webhook delivery, the release of held Stripe events, partner
 * emails and payout batches left building (a restart mid-build) every few seconds, deal expiry once a minute
 * (pages derive expiry anyway; the job only persists it).
 * They run in this process against the same database and Redis rather than over HTTP: requests to
 * the job routes would make `next dev` rebuild and hot-reload open pages every few seconds. Quiet
 * while jobs succeed; a failure is reported once per streak, and recovery too.
 */
export function startJobTicker(opts: { databaseUrl: string; embedded: boolean; everyMs: number }): () => Promise<void> {
  const { db, close } = createDatabase(opts.databaseUrl, { embedded: opts.embedded });
  let lastPayableScan = 0;
  const payableScanDue = () => {
    if (Date.now() - lastPayableScan < PAYABLE_SCAN_EVERY_MS) return false;
    lastPayableScan = Date.now();
    return true;
  };
  const jobs: [string, () => Promise<unknown>][] = [
    ['flush clicks', () => flushClicks(db, getRedis(), { budgetMs: 5_000 })],
    ['deliver webhooks', () => deliverDueWebhooks(db)],
    ['release held Stripe events', () => releaseDueStripeEvents(db)],
    ['expire deals', atMostEvery(DEAL_EXPIRY_EVERY_MS, () => runDealExpiryJob(db, new Date()))],
    // the app builds a confirmed batch after its response; this finishes one a restart interrupted
    ['build payout batches', () => resumeBuildingBatches(db, { budgetMs: 5_000 })],
    // partner emails every tick; the scan for rewards that became payable once a minute, as cron runs it
    ['send notifications', () => runNotificationsJob(db, { payable: payableScanDue() })],
  ];
  const failing = new Set<string>();
  let running: Promise<void> | null = null;
  let stopping = false;
  const runJobs = async () => {
    for (const [name, job] of jobs) {
      if (stopping) return;
      try {
        await job();
        if (failing.delete(name)) console.log(`[jobs] ${name} works again`);
      } catch (err) {
        if (!failing.has(name)) console.error(`[jobs] ${name} failed (will keep trying every ${opts.everyMs / 1000} s): ${err instanceof Error ? err.message : String(err)}`);
        failing.add(name);
      }
    }
  };
  const tick = () => {
    if (running || stopping) return; // a slow run (a big backlog) must not pile up
    running = runJobs().finally(() => (running = null));
  };
  const timer = setInterval(tick, opts.everyMs);
  return async () => {
    // let a job under way finish before its pool closes, so Ctrl-C mid-job logs no failure
    stopping = true;
    clearInterval(timer);
    await running;
    await close();
  };
}
