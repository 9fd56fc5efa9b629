import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { ledgerEntries, partners, payoutBatches, payouts } from '../../schema';
import { entryBucketAt, ledgerFilterConditions, ledgerRowColumns, withEntryJoins, type LedgerFilters } from '../ledger-list';
import { EXPORT_PAGE_SIZE } from './page';

// The ledger CSV: the console ledger's filters (db/queries/ledger-list.ts), read in keyset pages of
// (created_at, id), so a page never re-reads or skips an entry and no OFFSET grows with the file.
// Each page is two queries: the next page of ids on ledger_entries alone (the filters need no
// join), then those entries with their names and payouts. Joining first would join every remaining
// entry before the sort could keep a thousand of them.
// The cursor is the last entry's id, its created_at read back in SQL: a JS Date would drop the
// microseconds, and a cursor rounded down to the millisecond would read its own last row again.

const exportColumns = {
  id: ledgerRowColumns.id,
  createdAt: ledgerRowColumns.createdAt,
  payableAt: ledgerRowColumns.payableAt,
  partnerName: ledgerRowColumns.partnerName,
  partnerEmail: partners.email,
  programName: ledgerRowColumns.programName,
  poolName: ledgerRowColumns.poolName,
  poolPeriod: ledgerRowColumns.poolPeriod,
  kind: ledgerRowColumns.kind,
  rule: ledgerRowColumns.rule,
  ruleName: ledgerRowColumns.ruleName,
  orderRef: ledgerRowColumns.orderRef,
  amount: ledgerRowColumns.amount,
  unit: ledgerRowColumns.unit,
  payoutId: payouts.id,
  batchReference: payoutBatches.reference,
};

function nextIds(db: Executor, where: SQL, pageSize: number) {
  return db
    .select({ id: ledgerEntries.id })
    .from(ledgerEntries)
    .where(where)
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id))
    .limit(pageSize);
}

function entriesOf(db: Executor, workspaceId: string, ids: string[], now: Date) {
  return withEntryJoins(db.select({ ...exportColumns, status: entryBucketAt(now) }).from(ledgerEntries).$dynamic())
    // the batch of the live payout: a failed payout's items are released, so it never shows here
    .leftJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), inArray(ledgerEntries.id, ids)))
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
}

export type LedgerExportRow = Awaited<ReturnType<typeof entriesOf>>[number];

/** One workspace's entries matching the ledger page's filters, oldest first, a page at a time. */
export async function* ledgerExportPages(
  db: Executor,
  workspaceId: string,
  filters: LedgerFilters,
  now: Date,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<LedgerExportRow[]> {
  const conditions = ledgerFilterConditions({ workspaceId }, filters);
  let after: string | null = null;
  for (;;) {
    // entries are never deleted, so the cursor's own row is always there to read its time from
    const keyset: SQL[] = after
      ? [sql`(${ledgerEntries.createdAt}, ${ledgerEntries.id}) > ((select cursor_entry.created_at from ${ledgerEntries} as cursor_entry where cursor_entry.id = ${after}::uuid), ${after}::uuid)`]
      : [];
    const page = await nextIds(db, and(...conditions, ...keyset)!, pageSize);
    if (page.length > 0) yield await entriesOf(db, workspaceId, page.map((p) => p.id), now);
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
}
