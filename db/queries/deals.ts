import 'server-only';
import { and, asc, count, desc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { dealRegistrations, enrollments, partners, programs, workspaces } from '../schema';
import type { DealMatchType, DealStatus } from '../../lib/domain/deals';

// No partner record at all still has to produce a valid (empty) IN list.
const NO_ID = '00000000-0000-0000-0000-000000000000';

// Expiry is derived when reading: a pending or approved registration whose expires_at has passed
// reads as expired whether or not the expiry job has persisted it yet, so no page has to write
// before it renders and a stale row can never be approved.
const STILL_OPEN: DealStatus[] = ['pending', 'approved'];
const overdue = (asOf: Date) => and(inArray(dealRegistrations.status, STILL_OPEN), lte(dealRegistrations.expiresAt, asOf))!;
export const statusAsOf = (asOf: Date) =>
  sql<DealStatus>`(case when ${overdue(asOf)} then 'expired'::deal_status else ${dealRegistrations.status} end)`;

/** The filter for a status as read at `asOf`; spelled per status so the (workspace, status) index still serves it. */
export function hasStatusAsOf(status: DealStatus, asOf: Date): SQL {
  if (status === 'expired') return or(eq(dealRegistrations.status, 'expired'), overdue(asOf))!;
  if (STILL_OPEN.includes(status)) return and(eq(dealRegistrations.status, status), gt(dealRegistrations.expiresAt, asOf))!;
  return eq(dealRegistrations.status, status);
}

/** A registration's own columns with its status as read at `asOf` (the console and the REST API read these). */
export const dealColumnsAsOf = (asOf: Date) => ({
  id: dealRegistrations.id,
  partnerId: dealRegistrations.partnerId,
  programId: dealRegistrations.programId,
  matchType: dealRegistrations.matchType,
  matchValue: dealRegistrations.matchValue,
  prospectName: dealRegistrations.prospectName,
  notes: dealRegistrations.notes,
  status: statusAsOf(asOf),
  registeredAt: dealRegistrations.registeredAt,
  decidedAt: dealRegistrations.decidedAt,
  expiresAt: dealRegistrations.expiresAt,
});

const columnsAsOf = (asOf: Date) => ({
  ...dealColumnsAsOf(asOf),
  workspaceId: dealRegistrations.workspaceId,
  partnerName: partners.name,
  partnerEmail: partners.email,
  programName: programs.name,
  workspaceName: workspaces.name,
});

export interface DealRow {
  id: string;
  workspaceId: string;
  partnerId: string;
  programId: string;
  matchType: DealMatchType;
  matchValue: string;
  prospectName: string;
  notes: string;
  /** as of the read's `asOf`: overdue pending and approved registrations read as expired */
  status: DealStatus;
  registeredAt: Date;
  decidedAt: Date | null;
  expiresAt: Date;
  partnerName: string;
  partnerEmail: string;
  programName: string;
  workspaceName: string;
}

export interface PartnerDealQuery {
  page: number;
  pageSize: number;
  status?: DealStatus;
  /** the moment statuses are read at (expiry is derived, not waited for) */
  asOf: Date;
}

/** Partner portal: the registrations of the caller's partner records, across workspaces, newest first. */
export async function listDealsOfPartners(db: Executor, partnerIds: string[], q: PartnerDealQuery) {
  const filters: SQL[] = [inArray(dealRegistrations.partnerId, partnerIds.length ? partnerIds : [NO_ID])];
  if (q.status) filters.push(hasStatusAsOf(q.status, q.asOf));
  return pageOfDeals(db, and(...filters), [desc(dealRegistrations.registeredAt), asc(dealRegistrations.id)], q);
}

export type DealSort = 'status' | 'registeredAt' | 'expiresAt' | 'partner' | 'program';

export interface WorkspaceDealQuery {
  page: number;
  pageSize: number;
  sort: DealSort;
  dir: 'asc' | 'desc';
  status?: DealStatus;
  asOf: Date;
}

/**
 * Console review queue, paged and sorted in SQL. Sorting by status follows the enum's declared
 * order (pending, approved, rejected, expired), so the default puts the queue's pending work first,
 * oldest registration first within a status.
 */
export async function listDealsOfWorkspace(db: Executor, workspaceId: string, q: WorkspaceDealQuery) {
  const filters: SQL[] = [eq(dealRegistrations.workspaceId, workspaceId)];
  if (q.status) filters.push(hasStatusAsOf(q.status, q.asOf));
  const sortCol = {
    status: statusAsOf(q.asOf),
    registeredAt: dealRegistrations.registeredAt,
    expiresAt: dealRegistrations.expiresAt,
    partner: partners.name,
    program: programs.name,
  }[q.sort];
  const order = q.dir === 'asc' ? asc : desc;
  return pageOfDeals(db, and(...filters), [order(sortCol), asc(dealRegistrations.registeredAt), asc(dealRegistrations.id)], q);
}

/** One registration as read at `asOf`; scoped by workspace, so another tenant's id is simply not found. */
export async function findDeal(db: Executor, workspaceId: string, dealId: string, asOf: Date): Promise<DealRow | undefined> {
  const [row] = await db
    .select(columnsAsOf(asOf))
    .from(dealRegistrations)
    .innerJoin(partners, eq(partners.id, dealRegistrations.partnerId))
    .innerJoin(programs, eq(programs.id, dealRegistrations.programId))
    .innerJoin(workspaces, eq(workspaces.id, dealRegistrations.workspaceId))
    .where(and(eq(dealRegistrations.workspaceId, workspaceId), eq(dealRegistrations.id, dealId)));
  return row;
}

/** One page of registrations with partner, program and workspace names, and the total count. */
async function pageOfDeals(db: Executor, where: SQL | undefined, orderBy: SQL[], q: { page: number; pageSize: number; asOf: Date }) {
  const rows: DealRow[] = await db
    .select(columnsAsOf(q.asOf))
    .from(dealRegistrations)
    .innerJoin(partners, eq(partners.id, dealRegistrations.partnerId))
    .innerJoin(programs, eq(programs.id, dealRegistrations.programId))
    .innerJoin(workspaces, eq(workspaces.id, dealRegistrations.workspaceId))
    .where(where)
    .orderBy(...orderBy)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(dealRegistrations).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Whether the partner is enrolled in the program (any status): a registration needs an enrollment. */
export async function partnerIsEnrolled(db: Executor, workspaceId: string, partnerId: string, programId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, partnerId), eq(enrollments.programId, programId)));
  return Boolean(row);
}

export interface NewDeal {
  partnerId: string;
  programId: string;
  matchType: DealMatchType;
  /** already normalised by the service (lower-cased email or domain, trimmed customer id) */
  matchValue: string;
  prospectName: string;
  notes: string;
  registeredAt: Date;
  expiresAt: Date;
}

export async function insertDeal(db: Executor, workspaceId: string, deal: NewDeal): Promise<{ id: string }> {
  const [row] = await db
    .insert(dealRegistrations)
    .values({ workspaceId, ...deal, status: 'pending' })
    .returning({ id: dealRegistrations.id });
  return row;
}

/**
 * Decides a registration that is still pending and unexpired at `at`; undefined when there is none
 * (another tenant's id, already decided, or past its expiry). The status condition in the UPDATE
 * makes two concurrent decisions settle on exactly one.
 */
export async function decidePendingDeal(db: Executor, workspaceId: string, dealId: string, decision: 'approved' | 'rejected', at: Date) {
  const [row] = await db
    .update(dealRegistrations)
    .set({ status: decision, decidedAt: at })
    .where(
      and(
        eq(dealRegistrations.workspaceId, workspaceId),
        eq(dealRegistrations.id, dealId),
        eq(dealRegistrations.status, 'pending'),
        gt(dealRegistrations.expiresAt, at),
      ),
    )
    .returning({
      id: dealRegistrations.id, prospectName: dealRegistrations.prospectName, partnerId: dealRegistrations.partnerId, programId: dealRegistrations.programId,
      matchType: dealRegistrations.matchType, matchValue: dealRegistrations.matchValue,
    });
  return row;
}

/** Persists the expiry of a workspace's overdue registrations (all of them, or the ones listed); returns how many changed. */
export async function expireOverdueDeals(db: Executor, workspaceId: string, asOf: Date, dealIds?: string[]): Promise<number> {
  const filters = [eq(dealRegistrations.workspaceId, workspaceId), overdue(asOf)];
  if (dealIds) filters.push(inArray(dealRegistrations.id, dealIds.length ? dealIds : [NO_ID]));
  const rows = await db.update(dealRegistrations).set({ status: 'expired' }).where(and(...filters)).returning({ id: dealRegistrations.id });
  return rows.length;
}

/**
 * The expiry job's own write, deliberately across tenants: it changes nothing a reader sees (reads
 * derive expiry already), only the stored status, and one UPDATE beats a loop over workspaces.
 */
export async function expireOverdueDealsForAllWorkspaces(db: Executor, asOf: Date): Promise<number> {
  const rows = await db.update(dealRegistrations).set({ status: 'expired' }).where(overdue(asOf)).returning({ id: dealRegistrations.id });
  return rows.length;
}
