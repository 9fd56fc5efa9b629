import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';
import { ledgerEntries, partners, payoutItems, payouts, pools, programs, workspaces } from '../schema';

export type EntryKind = 'commission' | 'bonus' | 'reversal' | 'clawback';

export interface LedgerListQuery {
  page: number;
  pageSize: number;
  sort: 'createdAt' | 'amount' | 'payableAt';
  dir: 'asc' | 'desc';
  kind?: EntryKind;
  search?: string;
  /** the partner portal passes the caller's own partner ids */
  partnerIds?: string[];
}

const columns = {
  id: ledgerEntries.id,
  createdAt: ledgerEntries.createdAt,
  payableAt: ledgerEntries.payableAt,
  partnerName: partners.name,
  programName: programs.name,
  poolName: pools.name,
  poolPeriod: ledgerEntries.poolPeriod,
  kind: ledgerEntries.kind,
  rule: ledgerEntries.rule,
  ruleName: ledgerEntries.ruleName,
  orderRef: ledgerEntries.orderRef,
  amount: ledgerEntries.amount,
  unit: ledgerEntries.unit,
  payoutStatus: payouts.status,
  workspaceName: workspaces.name,
};

/** Partner, workspace, program or pool names, and the live payout holding the entry (if any). */
function withEntryJoins<T extends PgSelect>(query: T) {
  return query
    .innerJoin(partners, eq(partners.id, ledgerEntries.partnerId))
    .innerJoin(workspaces, eq(workspaces.id, ledgerEntries.workspaceId))
    .leftJoin(programs, eq(programs.id, ledgerEntries.programId))
    .leftJoin(pools, eq(pools.id, ledgerEntries.poolId))
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId));
}

export type LedgerRow = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] | null } & { id: string };

/** Ledger entries of one workspace (optionally of some partners), paged and sorted in SQL. */
export async function listLedger(db: Executor, workspaceId: string | null, q: LedgerListQuery) {
  const filters: SQL[] = [];
  if (workspaceId) filters.push(eq(ledgerEntries.workspaceId, workspaceId));
  if (q.partnerIds) filters.push(inArray(ledgerEntries.partnerId, q.partnerIds.length ? q.partnerIds : ['00000000-0000-0000-0000-000000000000']));
  if (q.kind) filters.push(eq(ledgerEntries.kind, q.kind));
  if (q.search) {
    const term = `%${q.search.replace(/[%_\\]/g, '\\$&')}%`;
    filters.push(or(ilike(partners.name, term), ilike(ledgerEntries.orderRef, term))!);
  }
  const where = and(...filters);
  const sortCol = { createdAt: ledgerEntries.createdAt, amount: ledgerEntries.amount, payableAt: ledgerEntries.payableAt }[q.sort];
  const rows = (await withEntryJoins(db.select(columns).from(ledgerEntries).$dynamic())
    .where(where)
    .orderBy(q.dir === 'asc' ? asc(sortCol) : desc(sortCol), asc(ledgerEntries.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)) as LedgerRow[];
  const [total] = await db.select({ n: count() }).from(ledgerEntries).innerJoin(partners, eq(partners.id, ledgerEntries.partnerId)).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** One entry with its explanation; scoped by workspace so a foreign id is simply not found. */
export async function findEntry(db: Executor, scope: { workspaceId?: string; partnerIds?: string[] }, entryId: string) {
  const conds: SQL[] = [eq(ledgerEntries.id, entryId)];
  if (scope.workspaceId) conds.push(eq(ledgerEntries.workspaceId, scope.workspaceId));
  if (scope.partnerIds) conds.push(inArray(ledgerEntries.partnerId, scope.partnerIds.length ? scope.partnerIds : ['00000000-0000-0000-0000-000000000000']));
  if (!scope.workspaceId && !scope.partnerIds) throw new Error('findEntry needs a tenant scope');
  const detail = { ...columns, explanation: ledgerEntries.explanation, reversesEntryId: ledgerEntries.reversesEntryId, partnerId: ledgerEntries.partnerId, workspaceId: ledgerEntries.workspaceId };
  const [row] = await withEntryJoins(db.select(detail).from(ledgerEntries).$dynamic()).where(and(...conds));
  return row;
}
