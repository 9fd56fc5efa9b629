// `npm run bench:api [-- --seconds S --concurrency C --entries N --walks W --build]`
//
// The REST API under load, against a production server (`next build` + `next start` on a free
// loopback port) on a fresh database (a new one on DATABASE_URL's server, else embedded PGlite) and
// Redis through the bridge (REDIS_URL, else in memory), with API_RATE_LIMIT_PER_MINUTE far above
// what the bench sends so the limiter counts every request and refuses none:
//   baseline:   GET /api/v1/ledger/entries without a key: the API wrapper answers 401 before any
//               I/O, in the same route, Node runtime and error path as every API answer. (The
//               edge /api/tracking/health and the Node /api/v1/openapi.json have no I/O either and
//               are shown beside it; neither is the baseline: the first skips the Node route layer
//               every API call pays, the second rebuilds the whole OpenAPI document per request.)
//   key lookup: POST /api/v1/events with a read key: one DB read (the key by its hash), then 403;
//               then the rate limiter (a read key's GET refused by the query schema, 400) and the
//               query (limit=1) added one at a time
//   list:       GET /api/v1/ledger/entries?limit=100 with a read key over N entries (default
//               25,000): the first page and the 20th under load, and W walks of 20 pages one
//               request at a time (first page vs last: keyset pages must not slow down)
//   events:     POST /api/v1/events with a read-write key and an Idempotency-Key vs the same
//               bodies (fresh ids) signed with X-Workspace + X-Signature: the key path's overhead
// Paths of one table alternate in rounds in the same session, C concurrent keep-alive connections
// each. Prints figures and ratios with the load average; asserts nothing. `--build` forces a build.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { createDatabase } from '../../db/client';
import { serverVersion } from '../../db/queries/bench';
import { ensureServices } from '../lib/services';
import { createFreshDatabase, dropDatabase, migrateDatabase } from '../lib/migrate';
import type { BenchRun } from './api-measure';
import { closeWalkAgent, getJson } from './api-pages';
import { eventsTable, keyLookupTable, LEDGER, ledgerTables } from './api-sections';
import { createApiBenchTenant } from './api-setup';
import { duration, heading, int, note } from './report';
import { flag, buildUnlessReady, startNextServer } from './cli';

const SECONDS = flag('seconds', 10); // per path, split over the rounds
const CONCURRENCY = flag('concurrency', 10); // the server's Postgres pool holds 10 connections
const ENTRIES = flag('entries', 25_000);
const WALKS = flag('walks', 10);
const PARTNERS = 20;
const ROUNDS = 2;

/** A build made before the ledger list landed would answer it with 404s: build again. */
const buildHasLedger = () =>
  existsSync('.next/BUILD_ID') && existsSync('.next/server/app-paths-manifest.json') && readFileSync('.next/server/app-paths-manifest.json', 'utf8').includes(`${LEDGER}/route`);

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' / ');

const base = { ...process.env };
let freshUrl: string | undefined;
if (base.DATABASE_URL) base.DATABASE_URL = freshUrl = await createFreshDatabase(base.DATABASE_URL, 'pl_bench');
const services = await ensureServices(base);
// the per-key limit far above what the bench sends: every request is counted, none refused
const runId = Date.now().toString(36);
const env: NodeJS.ProcessEnv = { ...base, ...services.env, NODE_ENV: 'production', API_RATE_LIMIT_PER_MINUTE: '100000000', TRACKING_REDIS_PREFIX: `bench-api:${runId}:` };
// this process writes the links' cache entries and the events secret (encrypted with AUTH_SECRET) too
Object.assign(process.env, env);
const { db, close: closeDb } = createDatabase(env.DATABASE_URL!, { embedded: env.DATABASE_EMBEDDED === '1' });
let server: ChildProcess | undefined;

async function cleanup() {
  server?.kill('SIGTERM');
  closeWalkAgent();
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
  const setupStarted = performance.now();
  const tenant = await createApiBenchTenant(db, { partners: PARTNERS, entries: ENTRIES });
  note(`setup: a workspace, ${PARTNERS} partners with links, ${int(ENTRIES)} ledger entries, the events secret, a read and a read-write key, in ${duration(performance.now() - setupStarted)}`);

  await buildUnlessReady(env, buildHasLedger);
  const started = await startNextServer(env);
  server = started.server;
  const { baseUrl } = started;
  const loadAtStart = loadAverage();

  const bench: BenchRun = { baseUrl, concurrency: CONCURRENCY, seconds: SECONDS, rounds: ROUNDS };
  // measured against whatever routes this build has: without the ledger list, its tables are skipped
  const ledgerLive = (await getJson(baseUrl, `${LEDGER}?limit=1`, { authorization: `Bearer ${tenant.readKey}` })).status === 200;
  const baseline = await keyLookupTable(bench, tenant, { jobSecret: env.JOB_SECRET!, ledgerLive });
  if (ledgerLive) await ledgerTables(bench, tenant, { entries: ENTRIES, walks: WALKS, baseline });
  else note(`GET ${LEDGER} does not answer 200 in this build: the ledger tables are skipped`);
  await eventsTable(bench, tenant, db);

  heading('Machine');
  note(`${os.cpus().length} CPUs, Node ${process.version}, ${await serverVersion(db)}${env.DATABASE_EMBEDDED === '1' ? ' (embedded PGlite)' : ''}; client and server share the machine`);
  note(`load average (1 / 5 / 15 min): ${loadAtStart} when the server was up, ${loadAverage()} at the end`);
  await cleanup();
  process.exit(0);
} catch (err) {
  console.error(err);
  await cleanup();
  process.exit(1);
}
