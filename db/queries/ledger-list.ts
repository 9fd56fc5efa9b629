import 'server-only';
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lt, lte, ne, not, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';
import { ledgerEntries, partners, payoutItems, payouts, pools, programs, workspaces } from '../schema';
import type { BalanceBucket, EntryKind } from '../../lib/domain/ledger';

export type { BalanceBucket, EntryKind };

export interface LedgerListQuery extends LedgerFilters {
  page: number;
  pageSize: number;
  sort: 'createdAt' | 'amount' | 'payableAt';
  dir: 'asc' | 'desc';
}

/** What the console's ledger filters by; the page, its CSV export and the portal share it. */
export interface LedgerFilters {
  kind?: EntryKind;
  search?: string;
  partnerId?: string;
  programId?: string;
  poolId?: string;
  customerId?: string;
  unit?: string;
  /** §5 bucket at `now` (required with it), as the balances count it */
  status?: BalanceBucket;
  now?: Date;
  /** recorded on or after `from`, and before `to` (exclusive: the page passes the day after) */
  from?: Date;
  to?: Date;
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

export const ledgerRowColumns = {
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
  eventId: ledgerEntries.eventId,
  amount: ledgerEntries.amount,
  unit: ledgerEntries.unit,
  payoutStatus: payouts.status,
  workspaceName: workspaces.name,
};

/** Partner, workspace, program or pool names, and the live payout holding the entry (if any). */
export function withEntryJoins<T extends PgSelect>(query: T) {
  return query
    .innerJoin(partners, eq(partners.id, ledgerEntries.partnerId))
    .innerJoin(workspaces, eq(workspaces.id, ledgerEntries.workspaceId))
    .leftJoin(programs, eq(programs.id, ledgerEntries.programId))
    .leftJoin(pools, eq(pools.id, ledgerEntries.poolId))
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId));
}

type Column<K extends keyof typeof ledgerRowColumns> = (typeof ledgerRowColumns)[K]['_'];
/** columns of the left-joined tables: absent for a bonus (no program), a commission (no pool), an unpaid entry */
type LeftJoined = 'programName' | 'poolName' | 'payoutStatus';
export type LedgerRow = {
  [K in keyof typeof ledgerRowColumns]: Column<K>['data'] | (K extends LeftJoined ? null : Column<K>['notNull'] extends true ? never : null);
};

/** The console's ledger: one workspace's entries, paged and sorted in SQL. */
export function listWorkspaceLedger(db: Executor, workspaceId: string, q: LedgerListQuery) {
  return listLedger(db, { workspaceId }, q);
}

/** The partner portal's earnings: the entries of the caller's own partner records, in every workspace. */
export function listPartnerLedger(db: Executor, partnerIds: readonly string[], q: LedgerListQuery) {
  return listLedger(db, { partnerIds }, q);
}

/** Whether a live payout of this status holds the entry (a subquery: the filters need no join). */
function heldBy(status: SQL): SQL {
  return sql`exists (select 1 from ${payoutItems} join ${payouts} on ${payouts.id} = ${payoutItems.payoutId} where ${payoutItems.entryId} = ${ledgerEntries.id} and ${payoutItems.released} = false and ${status})`;
}

/**
 * An entry's §5 bucket in SQL, the same rule as the engine's balanceBucket and the balances'
 * sums (db/queries/balances.ts): the live payout holding it decides; otherwise its payable time.
 * Written on ledger_entries alone, so the CSV export can pick a page of ids before joining.
 */
function bucketFilter(status: BalanceBucket, now: Date): SQL {
  // a failed payout releases its items; even an unreleased one would hold nothing
  const unheld = not(heldBy(ne(payouts.status, 'failed')));
  switch (status) {
    case 'pending':
      return and(unheld, gt(ledgerEntries.payableAt, now))!;
    case 'payable':
      return and(unheld, lte(ledgerEntries.payableAt, now))!;
    case 'processing':
    case 'paid':
      return heldBy(eq(payouts.status, status));
  }
}

/** The same bucket as a value (the CSV export's status column). */
export function entryBucketAt(now: Date): SQL<BalanceBucket> {
  return sql<BalanceBucket>`case when ${payouts.status} in ('processing', 'paid') then ${payouts.status}::text when ${ledgerEntries.payableAt} <= ${now} then 'payable' else 'pending' end`;
}

/** The WHERE of a ledger listing, on ledger_entries alone (partner names and payouts in subqueries). */
export function ledgerFilterConditions(scope: EntryScope, q: LedgerFilters): SQL[] {
  const filters: SQL[] = [scopeFilter(scope)];
  if (q.kind) filters.push(eq(ledgerEntries.kind, q.kind));
  if (q.partnerId) filters.push(eq(ledgerEntries.partnerId, q.partnerId));
  if (q.programId) filters.push(eq(ledgerEntries.programId, q.programId));
  if (q.poolId) filters.push(eq(ledgerEntries.poolId, q.poolId));
  if (q.customerId) filters.push(eq(ledgerEntries.customerId, q.customerId));
  if (q.unit) filters.push(eq(ledgerEntries.unit, q.unit));
  if (q.status) filters.push(bucketFilter(q.status, q.now ?? new Date()));
  if (q.from) filters.push(gte(ledgerEntries.createdAt, q.from));
  if (q.to) filters.push(lt(ledgerEntries.createdAt, q.to));
  if (q.search) {
    const term = `%${q.search.replace(/[%_\\]/g, '\\$&')}%`;
    const partnerNamed = sql`exists (select 1 from ${partners} where ${partners.id} = ${ledgerEntries.partnerId} and ${ilike(partners.name, term)})`;
    filters.push(or(partnerNamed, ilike(ledgerEntries.orderRef, term))!);
  }
  return filters;
}

async function listLedger(db: Executor, scope: EntryScope, q: LedgerListQuery) {
  const where = and(...ledgerFilterConditions(scope, q));
  const sortCol = { createdAt: ledgerEntries.createdAt, amount: ledgerEntries.amount, payableAt: ledgerEntries.payableAt }[q.sort];
  const rows = (await withEntryJoins(db.select(ledgerRowColumns).from(ledgerEntries).$dynamic())
    .where(where)
    .orderBy(q.dir === 'asc' ? asc(sortCol) : desc(sortCol), asc(ledgerEntries.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)) as LedgerRow[];
  // an entry is in at most one live payout (partial unique index), so the joins add no rows
  const [total] = await withEntryJoins(db.select({ n: count() }).from(ledgerEntries).$dynamic()).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** What the console's ledger filters offer: the workspace's partners, programs, pools and units. */
export async function ledgerFilterChoices(db: Executor, workspaceId: string) {
  const [partnerRows, programRows, poolRows, unitRows] = [
    await db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.workspaceId, workspaceId)).orderBy(asc(partners.name)).limit(1000),
    await db.select({ id: programs.id, name: programs.name }).from(programs).where(eq(programs.workspaceId, workspaceId)).orderBy(asc(programs.name)),
    await db.select({ id: pools.id, name: pools.name }).from(pools).where(eq(pools.workspaceId, workspaceId)).orderBy(asc(pools.name)),
    await db.selectDistinct({ unit: ledgerEntries.unit }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId)).orderBy(asc(ledgerEntries.unit)),
  ];
  return { partners: partnerRows, programs: programRows, pools: poolRows, units: unitRows.map((u) => u.unit) };
}

/** One entry with its explanation; scoped so that another tenant's id is simply not found. */
export async function findEntry(db: Executor, scope: EntryScope, entryId: string) {
  const conds: SQL[] = [eq(ledgerEntries.id, entryId), scopeFilter(scope)];
  const detail = {
    ...ledgerRowColumns, explanation: ledgerEntries.explanation, reversesEntryId: ledgerEntries.reversesEntryId, partnerId: ledgerEntries.partnerId,
    workspaceId: ledgerEntries.workspaceId, poolId: ledgerEntries.poolId,
  };
  const [row] = await withEntryJoins(db.select(detail).from(ledgerEntries).$dynamic()).where(and(...conds));
  return row;
}
