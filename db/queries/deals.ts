import 'server-only';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { dealRegistrations, enrollments, partners, programs, workspaces } from '../schema';

export type DealStatus = 'pending' | 'approved' | 'rejected' | 'expired';
export type DealMatchType = 'email' | 'email_domain' | 'customer';

export const DEAL_STATUSES: readonly DealStatus[] = ['pending', 'approved', 'rejected', 'expired'];

// No partner record at all still has to produce a valid (empty) IN list.
const NO_ID = '00000000-0000-0000-0000-000000000000';

const columns = {
  id: dealRegistrations.id,
  workspaceId: dealRegistrations.workspaceId,
  partnerId: dealRegistrations.partnerId,
  programId: dealRegistrations.programId,
  matchType: dealRegistrations.matchType,
  matchValue: dealRegistrations.matchValue,
  prospectName: dealRegistrations.prospectName,
  notes: dealRegistrations.notes,
  status: dealRegistrations.status,
  registeredAt: dealRegistrations.registeredAt,
  decidedAt: dealRegistrations.decidedAt,
  expiresAt: dealRegistrations.expiresAt,
  partnerName: partners.name,
  partnerEmail: partners.email,
  programName: programs.name,
  workspaceName: workspaces.name,
};

export interface DealRow {
  id: string;
  workspaceId: string;
  partnerId: string;
  programId: string;
  matchType: DealMatchType;
  matchValue: string;
  prospectName: string;
  notes: string;
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
}

/** Partner portal: the registrations of the caller's partner records, across workspaces, newest first. */
export async function listDealsOfPartners(db: Executor, partnerIds: string[], q: PartnerDealQuery) {
  const filters: SQL[] = [inArray(dealRegistrations.partnerId, partnerIds.length ? partnerIds : [NO_ID])];
  if (q.status) filters.push(eq(dealRegistrations.status, q.status));
  const where = and(...filters);
  return pageOfDeals(db, where, [desc(dealRegistrations.registeredAt), asc(dealRegistrations.id)], q);
}

export type DealSort = 'status' | 'registeredAt' | 'expiresAt' | 'partner' | 'program';

export interface WorkspaceDealQuery {
  page: number;
  pageSize: number;
  sort: DealSort;
  dir: 'asc' | 'desc';
  status?: DealStatus;
}

/**
 * Console review queue, paged and sorted in SQL. Sorting by status follows the enum's declared
 * order (pending, approved, rejected, expired), so the default puts the queue's pending work first,
 * oldest registration first within a status.
 */
export async function listDealsOfWorkspace(db: Executor, workspaceId: string, q: WorkspaceDealQuery) {
  const filters: SQL[] = [eq(dealRegistrations.workspaceId, workspaceId)];
  if (q.status) filters.push(eq(dealRegistrations.status, q.status));
  const where = and(...filters);
  const sortCol = {
    status: dealRegistrations.status,
    registeredAt: dealRegistrations.registeredAt,
    expiresAt: dealRegistrations.expiresAt,
    partner: partners.name,
    program: programs.name,
  }[q.sort];
  const order = q.dir === 'asc' ? asc : desc;
  return pageOfDeals(db, where, [order(sortCol), asc(dealRegistrations.registeredAt), asc(dealRegistrations.id)], q);
}

/** One registration; scoped by workspace, so another tenant's id is simply not found. */
export async function findDeal(db: Executor, workspaceId: string, dealId: string): Promise<DealRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(dealRegistrations)
    .innerJoin(partners, eq(partners.id, dealRegistrations.partnerId))
    .innerJoin(programs, eq(programs.id, dealRegistrations.programId))
    .innerJoin(workspaces, eq(workspaces.id, dealRegistrations.workspaceId))
    .where(and(eq(dealRegistrations.workspaceId, workspaceId), eq(dealRegistrations.id, dealId)));
  return row;
}

/**
 * The enrollment a partner registers a deal under, only when one of the caller's partner records
 * owns it; the action decides what else it requires (approved, program active).
 */
export async function findDealEnrollment(db: Executor, partnerIds: string[], enrollmentId: string) {
  const [row] = await db
    .select({
      workspaceId: enrollments.workspaceId,
      partnerId: enrollments.partnerId,
      programId: enrollments.programId,
      status: enrollments.status,
      programStatus: programs.status,
      programName: programs.name,
    })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(and(eq(enrollments.id, enrollmentId), inArray(enrollments.partnerId, partnerIds.length ? partnerIds : [NO_ID])));
  return row;
}

/** One page of registrations with partner, program and workspace names, and the total count. */
async function pageOfDeals(db: Executor, where: SQL | undefined, orderBy: SQL[], q: { page: number; pageSize: number }) {
  const rows: DealRow[] = await db
    .select(columns)
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
