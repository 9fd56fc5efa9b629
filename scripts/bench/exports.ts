// `npm run bench:exports [-- --rows N]`
//
// The ledger CSV (GET /m/<ws>/ledger/export.csv) streamed end to end through the same service the
// route calls, over N entries (default 200,000) in a fresh migrated database (DATABASE_URL's server,
// else embedded PGlite): rows per second, bytes, and the largest heap growth seen while streaming.
// Baseline in the same run: the same entries read whole into memory by one query (no CSV at all),
// which is what an export that did not stream would at least cost. Prints figures and ratios;
// asserts nothing.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../db/client';
import { insertSyntheticEntries, readAllEntries, serverVersion } from '../../db/queries/bench';
import { setUpScenario } from '../scenarios/setup';
import { ledgerExportResponse } from '../../lib/server/exports/ledger-export';
import type { MerchantScope } from '../../lib/server/scope';
import { freshDatabaseFactory } from '../lib/fresh-databases';
import { heading, int, note, table } from './report';

const arg = process.argv.indexOf('--rows');
const ROWS = arg > 0 ? Number(process.argv[arg + 1]) : 200_000;
if (!Number.isInteger(ROWS) || ROWS < 1) {
  console.error('--rows needs a positive integer');
  process.exit(2);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const heap = () => process.memoryUsage().heapUsed;
const settle = () => {
  (globalThis as { gc?: () => void }).gc?.();
};

const factory = await freshDatabaseFactory(process.env.DATABASE_URL);
const fresh = await factory.next();
const { db, close } = createDatabase(fresh.url, { embedded: fresh.embedded });
try {
  console.log(`Export benchmark — ${int(ROWS)} ledger entries, Node ${process.version}, ${os.cpus().length} CPUs, ${await serverVersion(db)}${fresh.embedded ? ' (embedded PGlite)' : ''}`);
  const scenario = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../tests/scenarios/p12-payout-minimums-per-unit.json'), 'utf8'));
  const ids = await setUpScenario(db, scenario);
  const started = performance.now();
  await insertSyntheticEntries(db, ids.workspaceId, [...ids.programs.values()][0], [...ids.partners.values()], ROWS);
  note(`setup: ${int(ROWS)} entries written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // baseline: everything in memory at once
  settle();
  let base0 = heap();
  let t0 = performance.now();
  const all = await readAllEntries(db, ids.workspaceId);
  const baseMs = performance.now() - t0;
  const baseHeap = heap() - base0;
  if (all.length < ROWS) throw new Error(`baseline read ${all.length} rows`);
  settle();
  const baseRetained = heap() - base0;
  all.length = 0;

  // the export, consumed as a browser would: chunk by chunk
  settle();
  base0 = heap();
  let peak = 0;
  let retained = 0;
  let chunks = 0;
  let bytes = 0;
  let lines = 0;
  t0 = performance.now();
  const scope = { workspaceId: ids.workspaceId, workspaceSlug: 'bench', role: 'finance', userId: null, baseCurrency: 'USD', timeZone: 'UTC' } as unknown as MerchantScope;
  const res = await ledgerExportResponse(db, scope, { now: new Date() }, new Date());
  const reader = res.body!.getReader();
  let firstChunkMs = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!firstChunkMs) firstChunkMs = performance.now() - t0;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
    peak = Math.max(peak, heap() - base0);
    // what the stream really holds: the heap after a collection, every 20 chunks
    if (++chunks % 20 === 0) {
      settle();
      retained = Math.max(retained, heap() - base0);
    }
  }
  const exportMs = performance.now() - t0;
  if (lines - 1 !== ROWS) throw new Error(`the export wrote ${lines - 1} rows, expected ${ROWS}`);

  heading('Ledger CSV export, streamed');
  table(
    ['', 'rows/s', 'time', 'first bytes after', 'heap growth', 'after GC'],
    [
      ['export (keyset pages → CSV stream)', int(Math.round(ROWS / (exportMs / 1000))), `${(exportMs / 1000).toFixed(1)} s`, `${firstChunkMs.toFixed(0)} ms`, `${mb(peak)} peak`, `${mb(retained)} max`],
      ['baseline (one query, all rows in memory, no CSV)', int(Math.round(ROWS / (baseMs / 1000))), `${(baseMs / 1000).toFixed(1)} s`, `${baseMs.toFixed(0)} ms`, mb(baseHeap), mb(baseRetained)],
    ],
  );
  note(`ratio: the export runs at ${(baseMs / exportMs).toFixed(2)}× the baseline's speed and keeps ${(retained / Math.max(1, baseRetained)).toFixed(2)}× its memory after collection; ${mb(bytes)} of CSV`);
} finally {
  await close();
  await fresh.dispose();
  await factory.close();
}
