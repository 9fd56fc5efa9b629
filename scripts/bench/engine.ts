// `npm run bench:engine [-- --events N --db-events N --seed S --rounds R --concurrency C]`
//
// 1. In process: the reward engine (computeOrderRewards) attributes and rewards N synthetic orders
//    (default 100,000) against in-memory state; baseline in the same run: summing each order's
//    lines with decimal.js and converting at the FX rate in force.
// 2. Database: M orders (default 10,000) plus 5% refunds ingested through ingestEvent into a fresh
//    migrated database (DATABASE_URL's server, else embedded PGlite), sequentially and with C
//    workers (default 4) on disjoint customers; baseline in the same run: storing the same raw
//    events only (insertRawEvent, one transaction each).
// Prints figures and ratios against the baselines; asserts nothing. `--events 0` or
// `--db-events 0` skips a part.
import os from 'node:os';
import { buildWorkload } from './synthetic';
import { prepareInProcess, runBaseline, runEngine, type BaselineRun, type EngineRun } from './in-process';
import { runDatabaseBench, type Phase } from './database';
import { duration, heading, int, note, perEvent, perSecond, rate, ratio, table } from './report';

function flag(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const raw = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} needs a non-negative integer (got ${raw ?? 'nothing'})`);
    process.exit(2);
  }
  return n;
}

const EVENTS = flag('events', 100_000);
const DB_EVENTS = flag('db-events', 10_000);
const SEED = flag('seed', 1);
const ROUNDS = Math.max(1, flag('rounds', 1));
const CONCURRENCY = Math.max(1, flag('concurrency', 4));
const PARTNERS = 200;
/** About five orders per customer: bindings get reused, as in a live workspace. */
const customersFor = (orders: number) => Math.max(1, Math.round(orders / 5));

const startedAt = performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`Reward engine benchmark — seed ${SEED}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'})`);

// ---------------------------------------------------------------------------------------------
if (EVENTS > 0) {
  const w = buildWorkload({ seed: SEED, partners: PARTNERS, customers: customersFor(EVENTS), orders: EVENTS, refundRate: 0 });
  const p = prepareInProcess(w);
  const s = w.scenario;
  heading(`In process: computeOrderRewards over ${int(EVENTS)} orders`);
  note(`workspace: ${s.programs.map((x) => `${x.key} (${x.model}, ${x.unit}, coupons ${x.couponPrecedence})`).join(', ')}`);
  note(`           group ${s.groups![0].key} (${s.groups![0].strategy}: ${s.groups![0].programs.join(' > ')}); custom unit points; FX EUR, GBP with rate changes`);
  note(`           ${PARTNERS} partners, ${int(w.linkOwner.size)} links, ${int(w.couponOwner.size)} coupons`);
  note(`traffic:   ${int(w.customers.length)} customers, ${int(w.clickCount)} clicks, ${int(w.bindings.length)} manual bindings before the story, ${int(EVENTS)} orders`);

  // warm-up: JIT and caches on the first 10% (at least 2,000) orders of both loops
  const warm = Math.min(EVENTS, Math.max(2_000, Math.floor(EVENTS / 10)));
  runBaseline(p, warm);
  runEngine(p, warm);

  const baseRuns: BaselineRun[] = [];
  const engineRuns: EngineRun[] = [];
  const baselineRounds = Math.max(5, ROUNDS);
  for (let r = 0; r < Math.max(ROUNDS, baselineRounds); r++) {
    if (r < baselineRounds) baseRuns.push(runBaseline(p, EVENTS));
    if (r < ROUNDS) engineRuns.push(runEngine(p, EVENTS));
  }
  const baseMs = median(baseRuns.map((r) => r.ms));
  const engineMs = median(engineRuns.map((r) => r.ms));
  const baseRate = perSecond(EVENTS, baseMs);
  const engineRate = perSecond(EVENTS, engineMs);
  note(`warm-up ${int(warm)} orders each; median of ${baselineRounds} baseline and ${ROUNDS} engine round(s) (--rounds)`);
  console.log('');
  table(
    ['measurement', 'orders', 'time', 'per order', 'throughput', 'cost vs baseline'],
    [
      ['baseline: sum lines (decimal.js) × FX rate', int(EVENTS), duration(baseMs), perEvent(EVENTS, baseMs), rate(baseRate), '1.00×'],
      ['engine: computeOrderRewards (4 programs)', int(EVENTS), duration(engineMs), perEvent(EVENTS, engineMs), rate(engineRate), ratio(engineMs / baseMs)],
    ],
  );
  const e = engineRuns[0];
  console.log('');
  note(`ratio engine/baseline throughput: ${(engineRate / baseRate).toFixed(4)} (the engine does ${ratio(engineMs / baseMs)} the minimum work per order)`);
  note(`decisions: ${int(e.entries)} ledger entries (${int(e.dropped)} dropped by the group), ${int(e.newBindings)} bindings created`);
  note(`checksum:  entries ${[...e.sums].map(([unit, sum]) => `${sum.toFixed()} ${unit}`).join(' · ')}; baseline revenue ${baseRuns[0].checksum.toFixed(2)} ${s.workspace.baseCurrency}`);
}

// ---------------------------------------------------------------------------------------------
if (DB_EVENTS > 0) {
  const serverUrl = process.env.DATABASE_URL || undefined;
  const w = buildWorkload({ seed: SEED, partners: PARTNERS, customers: customersFor(DB_EVENTS), orders: DB_EVENTS, refundRate: 0.05 });
  const r = await runDatabaseBench(w, { serverUrl, concurrency: CONCURRENCY, warmup: Math.min(500, Math.max(50, Math.floor(DB_EVENTS / 20))) });
  heading(`Database: ingestEvent over ${int(r.events)} events (${int(r.orders)} orders + ${int(r.refunds)} refunds)`);
  note(`server:  ${r.server}, a fresh migrated database; pool of ${r.embedded ? 4 : 10} connections`);
  if (r.embedded) {
    note('NOTE:    embedded PGlite (no DATABASE_URL): single-threaded WASM Postgres in this very process,');
    note('         sharing its CPU with the services. These figures are NOT representative of production;');
    note('         set DATABASE_URL=postgres://… to measure against a real server.');
  }
  note(`traffic: ${int(r.customers)} customers, ${int(r.clicks)} clicks (bulk-inserted), ${int(w.bindings.length)} manual bindings; warm-up ${int(r.warmupEvents)} events in another workspace`);
  console.log('');
  const row = (label: string, ph: Phase, base: Phase | null): string[] => [
    label, int(ph.events), duration(ph.ms), perEvent(ph.events, ph.ms), rate(perSecond(ph.events, ph.ms)), base ? ratio(ph.ms / base.ms) : '1.00×',
  ];
  table(
    ['measurement', 'events', 'time', 'per event', 'throughput', 'cost vs baseline'],
    [
      row('baseline: insertRawEvent only, sequential', r.rawSequential, null),
      row('ingestEvent, sequential', r.ingestSequential, r.rawSequential),
      row(`baseline: insertRawEvent only, ${r.concurrency} workers`, r.rawConcurrent, null),
      row(`ingestEvent, ${r.concurrency} workers (disjoint customers)`, r.ingestConcurrent, r.rawConcurrent),
    ],
  );
  const rateOf = (ph: Phase) => perSecond(ph.events, ph.ms);
  console.log('');
  note(`ratio full ingestion/baseline throughput: sequential ${(rateOf(r.ingestSequential) / rateOf(r.rawSequential)).toFixed(3)}, ${r.concurrency} workers ${(rateOf(r.ingestConcurrent) / rateOf(r.rawConcurrent)).toFixed(3)}`);
  note(`speed-up of ${r.concurrency} workers over sequential: ingestion ${ratio(r.ingestSequential.ms / r.ingestConcurrent.ms)}, baseline ${ratio(r.rawSequential.ms / r.rawConcurrent.ms)}`);
  const refusals = [r.ingestSequential, r.ingestConcurrent].flatMap((ph) => [...ph.refused]).map(([code, n]) => `${code} ${n}`);
  if (refusals.length) note(`refused:  ${refusals.join(', ')}`);
  const units = (l: typeof r.ledgerSequential) => l.byUnit.map((u) => `${int(u.n)} ${u.unit} (Σ ${u.sum})`).join(', ');
  note(`ledger:   sequential ${int(r.ledgerSequential.count)} entries: ${units(r.ledgerSequential)}`);
  const same = JSON.stringify(r.ledgerSequential) === JSON.stringify(r.ledgerConcurrent);
  note(`          ${r.concurrency} workers ${int(r.ledgerConcurrent.count)} entries — ${same ? 'identical counts and sums' : `DIFFERENT: ${units(r.ledgerConcurrent)}`}`);
  const idem = r.idempotency;
  note(
    `replay:   ${idem.replayed} already-ingested events again → ${idem.duplicates}/${idem.replayed} answered duplicate, ` +
      `ledger ${int(idem.before)} → ${int(idem.after)} entries ${idem.before === idem.after ? '(unchanged)' : '(CHANGED)'}; ${rate(perSecond(idem.replayed, idem.ms))}`,
  );
}

console.log(`\nTotal run time ${duration(performance.now() - startedAt)} (set-up and warm-up included).`);
