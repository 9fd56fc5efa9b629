import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { ledgerEntries, payoutItems, payouts } from '../../schema';
import { entryBucketAt, ledgerFilterConditions, type LedgerFilters } from '../ledger-list';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// GET /api/v1/ledger/entries: the console ledger's filters (ledgerFilterConditions, the same WHERE
// the ledger page and its CSV use, status included) walked newest first in keyset pages of
// (created_at, id) on ledger_workspace_time_id_idx.

const keyset: KeysetColumns = { table: ledgerEntries, workspaceId: ledgerEntries.workspaceId, time: ledgerEntries.createdAt, id: ledgerEntries.id };

function selectEntries(db: Executor, now: Date, where: SQL | undefined) {
  return db
    .select({
      id: ledgerEntries.id,
      createdAt: ledgerEntries.createdAt,
      payableAt: ledgerEntries.payableAt,
      partnerId: ledgerEntries.partnerId,
      programId: ledgerEntries.programId,
      poolId: ledgerEntries.poolId,
      poolPeriod: ledgerEntries.poolPeriod,
      eventId: ledgerEntries.eventId,
      customerId: ledgerEntries.customerId,
      orderRef: ledgerEntries.orderRef,
      kind: ledgerEntries.kind,
      rule: ledgerEntries.rule,
      ruleName: ledgerEntries.ruleName,
      amount: ledgerEntries.amount,
      unit: ledgerEntries.unit,
      reversesEntryId: ledgerEntries.reversesEntryId,
      // the §5 bucket the balances count it in at `now`, and the live payout holding it
      status: entryBucketAt(now),
      payoutId: payouts.id,
    })
    .from(ledgerEntries)
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(where);
}

export type ApiEntryRow = Awaited<ReturnType<typeof selectEntries>>[number];

/** One page (`limit + 1` rows). `filters.now` is the time the status filter and column are read at. */
export async function listApiEntries(db: Executor, workspaceId: string, filters: LedgerFilters & { now: Date }, page: { limit: number; startingAfter?: string }) {
  const cursor = await cursorOf(db, keyset, workspaceId, page.startingAfter);
  return selectEntries(db, filters.now, and(...ledgerFilterConditions({ workspaceId }, filters), beforeCursor(keyset, cursor)))
    .orderBy(...newestFirst(keyset))
    .limit(page.limit + 1);
}

export async function findApiEntry(db: Executor, workspaceId: string, id: string, now: Date): Promise<ApiEntryRow | undefined> {
  const [row] = await selectEntries(db, now, and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.id, id)));
  return row;
}
