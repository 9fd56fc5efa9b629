// `npm run bench:tracking [-- --seconds S --concurrency C --links N --build]`
//
// Tracked links under load, against a production server (`next build` + `next start` on a free
// loopback port) on a fresh database (a new one on DATABASE_URL's server, else embedded PGlite) and
// Redis through the bridge (REDIS_URL, else in memory):
//   tracked:  GET /r/<code>      link lookup (edge memory / Redis), click pipelined to Redis after the response
//   baseline: GET /r-noop/<code> the same middleware answering a constant 302 with no I/O (BENCH_NOOP_ROUTE=1)
// Both run in the same process and session, alternating in rounds, C concurrent keep-alive
// connections each. Then the flush job route moves the clicks into Postgres and we count them
// against the redirects sent. Prints figures; asserts nothing. `--build` forces a fresh build.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createDatabase } from '../../db/client';
import { ensureServices } from '../lib/services';
import { createFreshDatabase, dropDatabase, migrateDatabase } from '../lib/migrate';
import { combine, percentile, runLoad, type LoadResult } from './http-load';
import { createBenchLinks } from './tracking-setup';
import { countClicks } from '../../db/queries/tracked-clicks';
import { duration, heading, int, note, perSecond, rate, ratio, table } from './report';
import { flag, buildUnlessReady, startNextServer } from './cli';

const SECONDS = flag('seconds', 10); // per path, split over the rounds
const CONCURRENCY = flag('concurrency', 20);
const LINKS = flag('links', 50);
const ROUNDS = 2;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

const buildHasTracking = () => existsSync('.next/BUILD_ID') && existsSync('.next/server/middleware-manifest.json') && readFileSync('.next/server/middleware-manifest.json', 'utf8').includes('/r-noop');

const base = { ...process.env };
let freshUrl: string | undefined;
if (base.DATABASE_URL) base.DATABASE_URL = freshUrl = await createFreshDatabase(base.DATABASE_URL, 'pl_bench');
const services = await ensureServices(base);
const runId = Date.now().toString(36);
const env: NodeJS.ProcessEnv = { ...base, ...services.env, NODE_ENV: 'production', BENCH_NOOP_ROUTE: '1', TRACKING_REDIS_PREFIX: `bench:${runId}:` };
Object.assign(process.env, env); // this process writes the links' cache entries and reads Redis too
const { db, close: closeDb } = createDatabase(env.DATABASE_URL!, { embedded: env.DATABASE_EMBEDDED === '1' });
let server: ChildProcess | undefined;

async function cleanup() {
  server?.kill('SIGTERM');
  await closeDb().catch(() => undefined);
  const { getRedis } = await import('../../lib/kv/redis');
  const { deleteTrackingNamespace } = await import('../../lib/tracking/keys');
  await deleteTrackingNamespace(getRedis()).catch((err) => console.error('could not remove the benchmark keys from Redis', err));
  await services.stop();
  if (freshUrl) await dropDatabase(freshUrl).catch(() => undefined);
}

try {
  console.log(services.describe.map((d) => `  ${d}`).join('\n'));
  await migrateDatabase(env.DATABASE_URL!);
  const { workspaceId, codes } = await createBenchLinks(db, LINKS);

  await buildUnlessReady(env, buildHasTracking);
  const started = await startNextServer(env);
  server = started.server;
  const { baseUrl } = started;

  const tracked = codes.map((c) => `/r/${c}`);
  const noop = codes.map((c) => `/r-noop/${c}`);
  const load = (paths: string[], ms: number) => runLoad({ baseUrl, paths, concurrency: CONCURRENCY, durationMs: ms, expectStatus: 302, headers: { 'user-agent': BROWSER } });

  // warm-up: JIT, the edge sandbox, and each link's cache entry; its redirects are clicks too
  const warm = [await load(tracked, 1500), await load(noop, 1500)];
  const trackedRuns: LoadResult[] = [];
  const noopRuns: LoadResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    noopRuns.push(await load(noop, (SECONDS * 1000) / ROUNDS));
    trackedRuns.push(await load(tracked, (SECONDS * 1000) / ROUNDS));
  }
  const t = combine(trackedRuns);
  const b = combine(noopRuns);
  const redirectsSent = warm[0].ok + t.ok;

  // the click writes happen after each response (waitUntil): give the last ones a moment
  await new Promise((r) => setTimeout(r, 2000));
  const flushStarted = performance.now();
  let flushCalls = 0;
  for (;;) {
    flushCalls++;
    const res = await fetch(`${baseUrl}/api/jobs/flush-clicks?budgetMs=50000`, { method: 'POST', headers: { authorization: `Bearer ${env.JOB_SECRET}` } });
    const body = (await res.json()) as { remaining?: number; skipped?: string; error?: unknown };
    if (!res.ok) throw new Error(`flush job answered ${res.status}: ${JSON.stringify(body)}`);
    if (body.remaining === 0 && !body.skipped) break;
  }
  const flushMs = performance.now() - flushStarted;
  const stored = await countClicks(db, workspaceId);
  const health = await fetch(`${baseUrl}/api/tracking/health`, { headers: { authorization: `Bearer ${env.JOB_SECRET}` } }).then((r) => r.json() as Promise<Record<string, unknown>>);

  heading(`Tracked links: ${CONCURRENCY} concurrent keep-alive connections, ${SECONDS} s per path in ${ROUNDS} alternating rounds, ${LINKS} links`);
  const row = (name: string, r: LoadResult) => [name, int(r.requests), rate(perSecond(r.ok, r.ms)), duration(percentile(r.latencies, 50)), duration(percentile(r.latencies, 99)), int(r.requests - r.ok)];
  table(['path', 'requests', 'redirects/s', 'p50', 'p99', 'not 302'], [row('baseline  /r-noop/<code> (no I/O)', b), row('tracked   /r/<code>', t)]);
  note(`throughput tracked / baseline: ${ratio(perSecond(t.ok, t.ms) / perSecond(b.ok, b.ms))}`);
  note(`latency   tracked / baseline: p50 ${ratio(percentile(t.latencies, 50) / percentile(b.latencies, 50))}, p99 ${ratio(percentile(t.latencies, 99) / percentile(b.latencies, 99))}`);
  for (const [name, r] of [['baseline', b], ['tracked', t]] as const) if (r.other.size) note(`${name}: other answers ${JSON.stringify(Object.fromEntries(r.other))}`);
  heading('Clicks');
  note(`tracked redirects sent (warm-up included): ${int(redirectsSent)}`);
  note(`clicks in Postgres after the flush job:    ${int(stored)}${stored === redirectsSent ? '  (all of them, none twice)' : `  (DIFFERENT by ${int(stored - redirectsSent)})`}`);
  note(`flush: ${flushCalls} call(s) of /api/jobs/flush-clicks, ${duration(flushMs)} (${rate(perSecond(stored, flushMs))})`);
  note(`edge counters: ${JSON.stringify({ clicksQueued: health.clicksQueued, redisFailuresTotal: health.redisFailuresTotal, clicksRelayed: health.clicksRelayed, clicksLost: health.clicksLost })}`);
  await cleanup();
  process.exit(0);
} catch (err) {
  console.error(err);
  await cleanup();
  process.exit(1);
}
