/**
 * Database part: orders and refunds ingested through ingestEvent (the service behind
 * POST /api/v1/events) into a fresh migrated database, sequentially and with several workers on
 * disjoint customers; the baseline stores the very same raw events only (insertRawEvent, one
 * transaction each) into another workspace of the same database, in the same run.
 */
import { createDatabase, type Database } from '../../db/client';
import { serverVersion } from '../../db/queries/bench';
import { insertRawEvent } from '../../db/queries/events';
import { countEntries, ledgerTotalsByUnit } from '../../db/queries/ledger-report';
import { insertClickRows, type ClickRowInput } from '../../db/queries/tracked-clicks';
import { findTrackedLinkByCode } from '../../db/queries/tracked-links';
import { setUpScenario, type ScenarioIds } from '../scenarios/setup';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { bindCustomerByHand } from '../../lib/server/rewards/manual-binding';
import { AppError } from '../../lib/errors';
import { eventSchema, type IncomingEvent } from '../../lib/validation/events';
import { freshDatabaseFactory } from '../lib/fresh-databases';
import { withLinkPrefix, type Workload } from './synthetic';

export interface TimedEvent {
  event: IncomingEvent;
  /** Customer index: workers own disjoint sets of customers. */
  customer: number;
}

/** Orders and refunds by time as the API would receive them, validated by the API's schema. */
export function eventStream(w: Workload): TimedEvent[] {
  const list: { at: number; n: number; customer: number; raw: unknown }[] = [];
  let n = 0;
  for (const o of w.orders) {
    const c = w.customers[o.customer];
    list.push({
      at: o.at, n: n++, customer: o.customer,
      raw: {
        id: o.id, type: 'order', occurredAt: new Date(o.at).toISOString(),
        data: {
          customer: { externalId: c.externalId, ...(c.email ? { email: c.email } : {}) }, currency: o.currency, lines: o.lines,
          ...(o.visitorId ? { visitorId: o.visitorId } : {}), ...(o.partnerCode ? { partnerCode: o.partnerCode } : {}), coupons: o.coupons,
        },
      },
    });
  }
  for (const r of w.refunds) {
    list.push({
      at: r.at, n: n++, customer: r.customer,
      raw: { id: r.id, type: 'refund', occurredAt: new Date(r.at).toISOString(), data: { orderId: r.orderId, ...(r.amount ? { amount: r.amount } : {}) } },
    });
  }
  list.sort((a, b) => a.at - b.at || a.n - b.n);
  return list.map((x) => ({ event: eventSchema.parse(x.raw), customer: x.customer }));
}

/** Splits the stream by customer; each part keeps the stream's order. */
export function partition(events: TimedEvent[], parts: number): TimedEvent[][] {
  const out: TimedEvent[][] = Array.from({ length: parts }, () => []);
  for (const e of events) out[e.customer % parts].push(e);
  return out;
}

export interface Phase {
  ms: number;
  events: number;
  /** Refusals by code (expected: none). */
  refused: Map<string, number>;
  duplicates: number;
}

type Step = (e: TimedEvent) => Promise<{ duplicate: boolean } | void>;

async function timed(parts: TimedEvent[][], step: Step): Promise<Phase> {
  const refused = new Map<string, number>();
  let duplicates = 0;
  let events = 0;
  const started = performance.now();
  await Promise.all(
    parts.map(async (list) => {
      for (const e of list) {
        try {
          const r = await step(e);
          if (r?.duplicate) duplicates++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          refused.set(err.code, (refused.get(err.code) ?? 0) + 1);
        }
        events++;
      }
    }),
  );
  return { ms: performance.now() - started, events, refused, duplicates };
}

const ingestStep = (db: Database, workspaceId: string): Step => (e) =>
  ingestEvent(db, workspaceId, e.event, { source: 'api', now: new Date(e.event.occurredAt) });

/** The baseline: store the raw event and nothing else, in its own transaction. */
const rawStep = (db: Database, workspaceId: string): Step => async (e) => {
  const ev = e.event;
  await db.transaction(async (tx) => {
    await insertRawEvent(tx, {
      workspaceId, senderId: ev.id, type: ev.type, source: 'api', occurredAt: new Date(ev.occurredAt), payload: ev,
      orderRef: ev.type === 'refund' ? ev.data.orderId : ev.type === 'order' ? ev.id : null,
    });
  });
};

/** Stores the workload's clicks with the flush job's writer (insertClickRows), 1,000 a batch. */
async function insertClicks(db: Database, ids: ScenarioIds, w: Workload, tag: string): Promise<void> {
  const linkIds = new Map<string, string>();
  for (const code of new Set(w.customers.flatMap((c) => c.clicks.map((k) => k.linkCode)))) {
    const link = await findTrackedLinkByCode(db, code);
    if (!link || link.workspaceId !== ids.workspaceId) throw new Error(`bench link ${code} is not in workspace ${tag}`);
    linkIds.set(code, link.id);
  }
  const rows: ClickRowInput[] = w.customers.flatMap((c) =>
    c.clicks.map((k) => ({
      // click ids are global: one set per workspace
      id: `clk_${tag}-${k.id}`, workspaceId: ids.workspaceId, linkId: linkIds.get(k.linkCode)!, visitorId: k.visitorId,
      occurredAt: new Date(k.at).toISOString(), isBot: k.bot, userAgent: null, referrer: null, country: null,
    })),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    const outcome = await insertClickRows(db, rows.slice(i, i + 1000));
    if (outcome.orphaned) throw new Error(`${outcome.orphaned} bench clicks found no link`);
  }
}

/**
 * A workspace ready for ingestion: configuration, clicks, the merchant's manual bindings; and the
 * event stream addressed to it (its own link codes, `<tag>-` prefixed, all tags of one length).
 */
async function prepareWorkspace(db: Database, base: Workload, tag: string, traffic: boolean): Promise<{ ids: ScenarioIds; events: TimedEvent[] }> {
  const w = withLinkPrefix(base, `${tag}-`);
  const events = eventStream(w);
  const ids = await setUpScenario(db, { ...w.scenario, title: `bench ${tag}` });
  // setUpScenario's slug has millisecond resolution
  await new Promise((r) => setTimeout(r, 5));
  if (!traffic) return { ids, events };
  await insertClicks(db, ids, w, tag);
  for (const b of w.bindings) {
    await bindCustomerByHand(db, ids.workspaceId, {
      customerExternalId: w.customers[b.customer].externalId, programId: ids.programs.get(b.program)!, partnerId: ids.partners.get(b.partnerKey)!, at: new Date(b.at),
    });
  }
  return { ids, events };
}

export interface DatabaseResult {
  embedded: boolean;
  server: string;
  clicks: number;
  events: number;
  orders: number;
  refunds: number;
  customers: number;
  warmupEvents: number;
  rawSequential: Phase;
  ingestSequential: Phase;
  rawConcurrent: Phase;
  ingestConcurrent: Phase;
  concurrency: number;
  ledgerSequential: Awaited<ReturnType<typeof ledgerTotalsByUnit>>;
  ledgerConcurrent: Awaited<ReturnType<typeof ledgerTotalsByUnit>>;
  idempotency: { replayed: number; duplicates: number; before: number; after: number; ms: number };
}

export async function runDatabaseBench(w: Workload, opts: { serverUrl: string | undefined; concurrency: number; warmup: number }): Promise<DatabaseResult> {
  const factory = await freshDatabaseFactory(opts.serverUrl);
  try {
    const fresh = await factory.next();
    const { db, close } = createDatabase(fresh.url, { embedded: fresh.embedded });
    try {
      const version = await serverVersion(db);
      const server = fresh.embedded ? `PGlite (embedded, ${version})` : version;

      // five workspaces in one database: warm-up, the two baselines, the two ingestions
      const warm = await prepareWorkspace(db, w, 'wu', true);
      const rawSeq = await prepareWorkspace(db, w, 'r1', false);
      const seq = await prepareWorkspace(db, w, 'sq', true);
      const rawConc = await prepareWorkspace(db, w, 'rn', false);
      const conc = await prepareWorkspace(db, w, 'cc', true);
      const events = seq.events;

      // warm-up: connections, plans and code paths of both the baseline and the ingestion
      const warmList = warm.events.slice(0, Math.min(opts.warmup, events.length));
      await timed([warmList], ingestStep(db, warm.ids.workspaceId));
      await timed([warmList.map((e) => ({ ...e, event: { ...e.event, id: `raw-${e.event.id}` } }))], rawStep(db, warm.ids.workspaceId));

      const rawSequential = await timed([rawSeq.events], rawStep(db, rawSeq.ids.workspaceId));
      const ingestSequential = await timed([seq.events], ingestStep(db, seq.ids.workspaceId));
      const rawConcurrent = await timed(partition(rawConc.events, opts.concurrency), rawStep(db, rawConc.ids.workspaceId));
      const ingestConcurrent = await timed(partition(conc.events, opts.concurrency), ingestStep(db, conc.ids.workspaceId));

      const ledgerSequential = await ledgerTotalsByUnit(db, seq.ids.workspaceId);
      const ledgerConcurrent = await ledgerTotalsByUnit(db, conc.ids.workspaceId);

      // idempotency: replaying events already ingested writes nothing and answers "duplicate"
      const sample = Array.from({ length: Math.min(100, events.length) }, (_, i) => events[Math.floor((i * events.length) / Math.min(100, events.length))]);
      const before = await countEntries(db, seq.ids.workspaceId);
      const replay = await timed([sample], ingestStep(db, seq.ids.workspaceId));
      const after = await countEntries(db, seq.ids.workspaceId);

      return {
        embedded: fresh.embedded, server, clicks: w.clickCount, events: events.length, orders: w.orders.length, refunds: w.refunds.length,
        customers: w.customers.length, warmupEvents: warmList.length, rawSequential, ingestSequential, rawConcurrent, ingestConcurrent,
        concurrency: opts.concurrency, ledgerSequential, ledgerConcurrent,
        idempotency: { replayed: sample.length, duplicates: replay.duplicates, before, after, ms: replay.ms },
      };
    } finally {
      await close();
      await fresh.dispose();
    }
  } finally {
    await factory.close();
  }
}
