import 'server-only';
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, payoutBatches, payouts, pools, programs } from '../schema';
import { entryBucketAt, withEntryJoins } from './ledger-list';
import { EXPORT_PAGE_SIZE } from './exports/page';

// What happened to one partner's balance in a period, as two keyset-paged streams in time order:
// its entries (by recorded time) and its payouts (by the time they were settled, or their batch's
// time while still processing). The statement merges them; each stream holds one page at a time.
// Cursors are (microseconds since the epoch, id), read back from SQL, so no row is skipped or read
// twice even when many share a millisecond (a JS Date would drop the microseconds).

export interface StatementWindow {
  workspaceId: string;
  partnerId: string;
  /** the period's opening instant (inclusive) and closing instant (exclusive) */
  opening: Date;
  closing: Date;
}

interface Cursor {
  atMicros: string;
  id: string;
}

const micros = (at: SQL | typeof ledgerEntries.createdAt) => sql<string>`(extract(epoch from ${at}) * 1000000)::bigint::text`;
const after = (at: SQL | typeof ledgerEntries.createdAt, id: SQL | typeof ledgerEntries.id, c: Cursor | null): SQL[] =>
  c ? [sql`(${at}, ${id}) > (to_timestamp(0) + ${c.atMicros}::bigint * interval '1 microsecond', ${c.id}::uuid)`] : [];

function entryDetails(db: Executor, workspaceId: string, ids: string[], now: Date) {
  return withEntryJoins(
    db
      .select({
        id: ledgerEntries.id,
        atMicros: micros(ledgerEntries.createdAt),
        createdAt: ledgerEntries.createdAt,
        payableAt: ledgerEntries.payableAt,
        kind: ledgerEntries.kind,
        rule: ledgerEntries.rule,
        ruleName: ledgerEntries.ruleName,
        orderRef: ledgerEntries.orderRef,
        programName: sql<string | null>`${programs.name}`,
        poolName: sql<string | null>`${pools.name}`,
        poolPeriod: ledgerEntries.poolPeriod,
        amount: ledgerEntries.amount,
        unit: ledgerEntries.unit,
        status: entryBucketAt(now),
        payoutId: payouts.id,
        batchReference: payoutBatches.reference,
      })
      .from(ledgerEntries)
      .$dynamic(),
  )
    .leftJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), inArray(ledgerEntries.id, ids)))
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
}

export type StatementEntryRow = Awaited<ReturnType<typeof entryDetails>>[number];

/**
 * The partner's entries recorded in the window, oldest first, a page at a time: the next page of ids
 * on ledger_entries alone, then those entries with their names, status now and live payout.
 */
export async function* statementEntryPages(db: Executor, w: StatementWindow, now: Date, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<StatementEntryRow[]> {
  let cursor: Cursor | null = null;
  for (;;) {
    const page = await db
      .select({ id: ledgerEntries.id, atMicros: micros(ledgerEntries.createdAt) })
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.workspaceId, w.workspaceId),
          eq(ledgerEntries.partnerId, w.partnerId),
          gte(ledgerEntries.createdAt, w.opening),
          lt(ledgerEntries.createdAt, w.closing),
          ...after(ledgerEntries.createdAt, ledgerEntries.id, cursor),
        ),
      )
      .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id))
      .limit(pageSize);
    if (page.length > 0) yield await entryDetails(db, w.workspaceId, page.map((p) => p.id), now);
    if (page.length < pageSize) return;
    cursor = page[page.length - 1];
  }
}

// When a payout shows on a statement: when it was paid or failed, else (processing) when its batch
// was created. Only a paid payout moves the balance.
const payoutTime = sql`coalesce(case ${payouts.status} when 'paid' then ${payouts.paidAt} when 'failed' then ${payouts.failedAt} end, ${payoutBatches.createdAt})`;

function payoutPage(db: Executor, w: StatementWindow, cursor: Cursor | null, pageSize: number) {
  return db
    .select({
      id: payouts.id,
      atMicros: micros(payoutTime),
      at: sql<Date>`${payoutTime}`.mapWith(payouts.paidAt),
      status: payouts.status,
      amount: payouts.amount,
      unit: payouts.unit,
      batchReference: payoutBatches.reference,
      transferReference: payouts.reference,
      failureReason: payouts.failureReason,
    })
    .from(payouts)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(
      and(
        eq(payouts.workspaceId, w.workspaceId),
        eq(payouts.partnerId, w.partnerId),
        sql`${payoutTime} >= ${w.opening}`,
        sql`${payoutTime} < ${w.closing}`,
        ...after(payoutTime, sql`${payouts.id}`, cursor),
      ),
    )
    .orderBy(asc(payoutTime), asc(payouts.id))
    .limit(pageSize);
}

export type StatementPayoutRow = Awaited<ReturnType<typeof payoutPage>>[number];

/** The partner's payouts settled (or, still processing, batched) in the window, oldest first. */
export async function* statementPayoutPages(db: Executor, w: StatementWindow, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<StatementPayoutRow[]> {
  let cursor: Cursor | null = null;
  for (;;) {
    const page = await payoutPage(db, w, cursor, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    cursor = page[page.length - 1];
  }
}
