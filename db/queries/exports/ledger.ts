import 'server-only';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { ledgerEntries, partners, payoutBatches, payouts } from '../../schema';
import { entryBucketAt, ledgerFilterConditions, ledgerRowColumns, withEntryJoins, type LedgerFilters } from '../ledger-list';
import { EXPORT_PAGE_SIZE } from './page';

// The ledger CSV: the console ledger's filters (db/queries/ledger-list.ts), read in keyset pages of
// (created_at, id), so a page never re-reads or skips an entry and no OFFSET grows with the file.
// One query a page: ledger_workspace_time_id_idx walks the workspace's entries in export order and
// the LIMIT stops it after a page, each entry joined to its (one) partner, program or pool and live
// payout by primary key: about 10 ms a page however long the ledger is. (Selecting the page's ids
// first and joining `id IN (…)` made Postgres scan every entry of the workspace for each page.)
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

function pageOf(db: Executor, where: SQL, now: Date, pageSize: number) {
  return withEntryJoins(db.select({ ...exportColumns, status: entryBucketAt(now) }).from(ledgerEntries).$dynamic())
    // the batch of the live payout: a failed payout's items are released, so it never shows here
    .leftJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(where)
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id))
    .limit(pageSize);
}

export type LedgerExportRow = Awaited<ReturnType<typeof pageOf>>[number];

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
    const page = await pageOf(db, and(...conditions, ...keyset)!, now, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
}
