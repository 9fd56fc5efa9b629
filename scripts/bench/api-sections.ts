/**
 * The three tables of `npm run bench:api`: what the key costs over the no-I/O baseline, the ledger
 * list first page vs deep page, and events posted with a key vs signed. Each measures against a
 * running production server and prints; none asserts.
 */
import type { Database } from '../../db/client';
import { countEntries } from '../../db/queries/ledger-report';
import { signatureHeader } from '../../lib/server/signatures';
import { percentile, type LoadResult } from './http-load';
import { runPostLoad, type PostRequest } from './api-post-load';
import { alternate, compare, getting, row, unexpected, type BenchRun, type Measure } from './api-measure';
import { checkWalk, walkPages, type Walk } from './api-pages';
import type { ApiBenchTenant } from './api-setup';
import { duration, heading, int, note, ratio, table } from './report';

export const LEDGER = '/api/v1/ledger/entries';
export const EVENTS = '/api/v1/events';
const PAGES = 20;
const PAGE_SIZE = 100;

const posting = (run: BenchRun, expectStatus: number, request: () => PostRequest): Measure => (ms) =>
  runPostLoad({ baseUrl: run.baseUrl, concurrency: run.concurrency, durationMs: ms, expectStatus, request });

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/**
 * The baseline is the API wrapper answering 401 to a request without a key: no I/O, but the same
 * route, Node runtime and error path as every API answer. Then the wrapper's steps one by one: the
 * key lookup is the read key asking to write (one DB read, the key by its hash, then 403 before
 * the rate limiter); `limit=0` adds the rate limiter (Redis) and the last-used touch, and is refused
 * by the query's schema (400) before the handler; `limit=1` adds the handler's query. Returns the
 * baseline for the other tables.
 */
export async function keyLookupTable(run: BenchRun, t: ApiBenchTenant, opts: { jobSecret: string; ledgerLive: boolean }): Promise<LoadResult> {
  const noKeyPath = opts.ledgerLive ? LEDGER : EVENTS;
  let refused = 0;
  const [health, openapi, noKey, lookup, limited, smallPage] = await alternate(run, [
    getting(run, ['/api/tracking/health'], 200, bearer(opts.jobSecret)),
    getting(run, ['/api/v1/openapi.json'], 200),
    getting(run, [`${noKeyPath}?limit=${PAGE_SIZE}`], 401),
    posting(run, 403, () => ({ path: EVENTS, body: `{"n":${refused++}}`, headers: bearer(t.readKey) })),
    getting(run, [`${noKeyPath}?limit=0`], 400, bearer(t.readKey)),
    ...(opts.ledgerLive ? [getting(run, [`${LEDGER}?limit=1`], 200, bearer(t.readKey))] : []),
  ]);
  heading(`Baseline and the key lookup: ${run.concurrency} concurrent keep-alive connections, ${run.seconds} s per path in ${run.rounds} alternating rounds`);
  table(['path', 'requests', 'answers/s', 'p50', 'p99', 'unexpected', 'p50 / baseline'], [
    row('edge  GET /api/tracking/health (job secret, no I/O)', health, noKey),
    row('node  GET /api/v1/openapi.json (no I/O; builds the document)', openapi, noKey),
    row(`BASELINE  GET ${noKeyPath.slice(7)}, no key → 401 (no I/O)`, noKey),
    row('key lookup  POST /events, read key → 403 (1 DB read)', lookup, noKey),
    row(`+ rate limit  GET ${noKeyPath.slice(7)}?limit=0, read key → 400 (+ Redis)`, limited, noKey),
    ...(smallPage ? [row('+ the query  GET /ledger/entries?limit=1, read key → 200', smallPage, noKey)] : []),
  ]);
  compare('key lookup / baseline', lookup, noKey);
  compare('rate limit / key lookup', limited, lookup);
  unexpected([['health', health], ['openapi', openapi], ['no key', noKey], ['key lookup', lookup], ['limit=0', limited], ...(smallPage ? [['limit=1', smallPage] as [string, LoadResult]] : [])]);
  return noKey;
}

/**
 * GET /ledger/entries, 100 a page: `walks` walks of 20 pages one request at a time (per-page
 * latency, and a check that no entry came twice or out of order), then page 1 and page 20 under
 * load. Keyset pages seek to the cursor by index, so page 20 should cost what page 1 costs.
 */
export async function ledgerTables(run: BenchRun, t: ApiBenchTenant, opts: { entries: number; walks: number; baseline: LoadResult }): Promise<void> {
  const walks: Walk[] = [];
  for (let i = 0; i < opts.walks; i++) walks.push(await walkPages({ baseUrl: run.baseUrl, path: LEDGER, key: t.readKey, pages: PAGES, limit: PAGE_SIZE }));
  const deep = walks[0].lastCursor;
  const [first, last] = await alternate(run, [
    getting(run, [`${LEDGER}?limit=${PAGE_SIZE}`], 200, bearer(t.readKey)),
    getting(run, [`${LEDGER}?limit=${PAGE_SIZE}${deep ? `&starting_after=${deep}` : ''}`], 200, bearer(t.readKey)),
  ]);
  heading(`Ledger entries, ${PAGE_SIZE} a page, read key, ${int(opts.entries)} entries: ${run.concurrency} connections, ${run.seconds} s per path in ${run.rounds} alternating rounds`);
  table(['path', 'requests', 'pages/s', 'p50', 'p99', 'unexpected', 'p50 / baseline'], [
    row(`GET /ledger/entries?limit=${PAGE_SIZE} (page 1)`, first, opts.baseline),
    row(`GET /ledger/entries?limit=${PAGE_SIZE}&starting_after=… (page ${PAGES})`, last, opts.baseline),
  ]);
  compare(`page ${PAGES} / page 1`, last, first);
  unexpected([['page 1', first], [`page ${PAGES}`, last]]);

  heading(`Walking ${PAGES} pages with starting_after, one request at a time, ${opts.walks} walks`);
  const latencies = (page: number) => Float64Array.from(walks.map((w) => w.latencies[page - 1]).filter((x) => x !== undefined)).sort();
  const firstP50 = percentile(latencies(1), 50);
  table(['page', 'p50', 'max', 'p50 / page 1'], [1, 2, 5, 10, 15, PAGES].map((page) => {
    const l = latencies(page);
    return [`page ${page}`, duration(percentile(l, 50)), duration(l[l.length - 1]), ratio(percentile(l, 50) / firstP50)];
  }));
  const checks = walks.map(checkWalk);
  const bad = checks.filter((c) => c.repeated || c.outOfOrder || c.objects !== PAGES * PAGE_SIZE);
  note(bad.length
    ? `${bad.length} of ${walks.length} walks had repeats, entries out of order or a short list: ${JSON.stringify(bad)}`
    : `every walk: ${int(PAGES * PAGE_SIZE)} entries, none twice, newest first throughout`);
}

/**
 * POST /events, one order per request, each with a fresh id (and customer), naming a partner's link
 * so it writes one commission: with the read-write key and an Idempotency-Key (key lookup, rate
 * limit, idempotency record, then the ingestion and the stored event read back), against the same
 * body signed with X-Workspace + X-Signature (the signed route's checks, then the same ingestion).
 */
export async function eventsTable(run: BenchRun, t: ApiBenchTenant, db: Database): Promise<void> {
  const runId = Date.now().toString(36);
  let posted = 0;
  const order = (via: string) => {
    const n = posted++;
    const id = `${via}-${runId}-${n}`;
    const body = JSON.stringify({
      id, type: 'order', occurredAt: new Date().toISOString(),
      data: { customer: { externalId: `cus-${id}` }, currency: 'USD', partnerCode: t.codes[n % t.codes.length], lines: [{ product: 'kit', amount: '120.00' }] },
    });
    return { id, body };
  };
  const before = await countEntries(db, t.workspaceId);
  const [withKey, signed] = await alternate(run, [
    posting(run, 200, () => {
      const { id, body } = order('key');
      return { path: EVENTS, body, headers: { ...bearer(t.writeKey), 'idempotency-key': id } };
    }),
    posting(run, 200, () => {
      const { body } = order('sig');
      return { path: EVENTS, body, headers: { 'x-workspace': t.slug, 'x-signature': signatureHeader(t.eventsSecret, body) } };
    }),
  ]);
  const written = (await countEntries(db, t.workspaceId)) - before;
  heading(`POST /api/v1/events, one order each: ${run.concurrency} connections, ${run.seconds} s per path in ${run.rounds} alternating rounds`);
  table(['path', 'requests', 'events/s', 'p50', 'p99', 'not 200', 'p50 / signed'], [
    row('signed   X-Workspace + X-Signature', signed),
    row('API key  Bearer + Idempotency-Key', withKey, signed),
  ]);
  compare('key / signed', withKey, signed);
  note(`commissions written: ${int(written)} for ${int(posted)} orders sent, warm-ups included${written === posted ? ' (one each)' : ''}`);
  unexpected([['API key', withKey], ['signed', signed]]);
}
