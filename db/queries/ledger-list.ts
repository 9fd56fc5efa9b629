import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';
import { ledgerEntries, partners, payoutItems, payouts, pools, programs, workspaces } from '../schema';
import type { EntryKind } from '../../lib/domain/ledger';

export type { EntryKind };

export interface LedgerListQuery {
  page: number;
  pageSize: number;
  sort: 'createdAt' | 'amount' | 'payableAt';
  dir: 'asc' | 'desc';
  kind?: EntryKind;
  search?: string;
}

/**
 * Whose entries: a merchant's workspace, or a partner user's own partner records (one per merchant,
 * so the portal lists across workspaces). One of the two is always required.
 */
export type EntryScope = { workspaceId: string } | { partnerIds: readonly string[] };

// no partner record matches this: an empty id list finds nothing instead of everything
const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

function scopeFilter(scope: EntryScope): SQL {
  if ('workspaceId' in scope) return eq(ledgerEntries.workspaceId, scope.workspaceId);
  return inArray(ledgerEntries.partnerId, scope.partnerIds.length ? [...scope.partnerIds] : [NO_PARTNER]);
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

/** The console's ledger: one workspace's entries, paged and sorted in SQL. */
export function listWorkspaceLedger(db: Executor, workspaceId: string, q: LedgerListQuery) {
  return listLedger(db, { workspaceId }, q);
}

/** The partner portal's earnings: the entries of the caller's own partner records, in every workspace. */
export function listPartnerLedger(db: Executor, partnerIds: readonly string[], q: LedgerListQuery) {
  return listLedger(db, { partnerIds }, q);
}

async function listLedger(db: Executor, scope: EntryScope, q: LedgerListQuery) {
  const filters: SQL[] = [scopeFilter(scope)];
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

/** One entry with its explanation; scoped so that another tenant's id is simply not found. */
export async function findEntry(db: Executor, scope: EntryScope, entryId: string) {
  const conds: SQL[] = [eq(ledgerEntries.id, entryId), scopeFilter(scope)];
  const detail = { ...columns, explanation: ledgerEntries.explanation, reversesEntryId: ledgerEntries.reversesEntryId, partnerId: ledgerEntries.partnerId, workspaceId: ledgerEntries.workspaceId };
  const [row] = await withEntryJoins(db.select(detail).from(ledgerEntries).$dynamic()).where(and(...conds));
  return row;
}
