import 'server-only';
import { and, asc, count, desc, eq, exists, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, enrollmentStatusChanges, partners, programs, workspaces } from '../schema';

import type { EnrollmentStatus } from '../../lib/domain/enrollments';
import type { PartnerCategory } from '../../lib/domain/programs';

export type { EnrollmentStatus };

// No partner record at all still has to produce a valid (empty) IN list.
const NO_ID = '00000000-0000-0000-0000-000000000000';

export async function findPartnerByEmail(db: Executor, workspaceId: string, email: string) {
  const [row] = await db
    .select({ id: partners.id, userId: partners.userId, email: partners.email, name: partners.name })
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.email, email.toLowerCase())));
  return row;
}

export async function insertPartner(
  db: Executor,
  workspaceId: string,
  input: { email: string; name: string; company?: string | null; userId?: string | null },
) {
  const [row] = await db
    .insert(partners)
    .values({ workspaceId, email: input.email.toLowerCase(), name: input.name, company: input.company ?? null, userId: input.userId ?? null })
    .returning({ id: partners.id });
  return row;
}

export async function linkPartnerToUser(db: Executor, workspaceId: string, partnerId: string, userId: string) {
  await db.update(partners).set({ userId }).where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
}

/** Creates the enrollment and its first status change; returns undefined when it already exists. */
export async function insertEnrollment(
  db: Executor,
  input: { workspaceId: string; partnerId: string; programId: string; status: EnrollmentStatus; at: Date },
) {
  const [row] = await db
    .insert(enrollments)
    .values({ workspaceId: input.workspaceId, partnerId: input.partnerId, programId: input.programId, status: input.status, appliedAt: input.at })
    .onConflictDoNothing()
    .returning({ id: enrollments.id, status: enrollments.status });
  if (row) {
    await db.insert(enrollmentStatusChanges).values({ enrollmentId: row.id, workspaceId: input.workspaceId, status: input.status, at: input.at });
  }
  return row;
}

export async function findEnrollment(db: Executor, workspaceId: string, enrollmentId: string) {
  const [row] = await db
    .select({ id: enrollments.id, status: enrollments.status, partnerId: enrollments.partnerId, programId: enrollments.programId })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, enrollmentId)));
  return row;
}

/**
 * An enrollment by id, only when one of the caller's partner records owns it: any other id is not
 * found, whoever owns it. The service decides what else it requires (approved, program active).
 */
export async function findEnrollmentOfPartners(db: Executor, partnerIds: string[], enrollmentId: string) {
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

export async function updateEnrollmentStatus(
  db: Executor,
  workspaceId: string,
  enrollmentId: string,
  status: EnrollmentStatus,
  at: Date,
  reason: string | null = null,
) {
  const [row] = await db
    .update(enrollments)
    .set({ status })
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, enrollmentId)))
    .returning({ id: enrollments.id });
  if (!row) return false;
  await db.insert(enrollmentStatusChanges).values({ enrollmentId, workspaceId, status, at, reason });
  return true;
}

export interface PartnerListQuery {
  page: number;
  pageSize: number;
  sort: 'name' | 'email' | 'createdAt';
  dir: 'asc' | 'desc';
  search?: string;
  status?: EnrollmentStatus;
}

export interface PartnerListRow {
  enrollmentId: string;
  partnerId: string;
  name: string;
  email: string;
  programName: string;
  status: EnrollmentStatus;
  appliedAt: Date;
}

/** Console partner table: one row per enrollment, paged and sorted in SQL. */
export async function listPartnerEnrollments(db: Executor, workspaceId: string, q: PartnerListQuery) {
  const filters: SQL[] = [eq(enrollments.workspaceId, workspaceId)];
  if (q.status) filters.push(eq(enrollments.status, q.status));
  if (q.search) {
    const term = `%${q.search.replace(/[%_]/g, '\\$&')}%`;
    filters.push(or(ilike(partners.name, term), ilike(partners.email, term))!);
  }
  const sortColumn = { name: partners.name, email: partners.email, createdAt: enrollments.appliedAt }[q.sort];
  const where = and(...filters);
  const rows: PartnerListRow[] = await db
    .select({
      enrollmentId: enrollments.id,
      partnerId: partners.id,
      name: partners.name,
      email: partners.email,
      programName: programs.name,
      status: enrollments.status,
      appliedAt: enrollments.appliedAt,
    })
    .from(enrollments)
    .innerJoin(partners, eq(partners.id, enrollments.partnerId))
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(where)
    .orderBy(q.dir === 'asc' ? asc(sortColumn) : desc(sortColumn), asc(enrollments.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(enrollments)
    .innerJoin(partners, eq(partners.id, enrollments.partnerId))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

const latestReason = sql<string | null>`(select c.reason from enrollment_status_changes c
  where c.enrollment_id = "enrollments"."id" order by c.at desc, c.seq desc limit 1)`;

export interface PartnerDirectoryQuery {
  page: number;
  pageSize: number;
  sort: 'name' | 'email' | 'createdAt';
  dir: 'asc' | 'desc';
  search?: string;
  /** partners with at least one enrollment matching all of these */
  status?: EnrollmentStatus;
  programId?: string;
  category?: PartnerCategory;
}

export interface PartnerDirectoryRow {
  id: string;
  name: string;
  email: string;
  company: string | null;
  createdAt: Date;
  programs: { enrollmentId: string; programId: string; name: string; status: EnrollmentStatus }[];
}

// Qualified by hand: these run inside subqueries, where drizzle's bare column names would bind
// to the subquery's own tables.
const programTags = sql<PartnerDirectoryRow['programs']>`coalesce((
  select json_agg(json_build_object('enrollmentId', e.id, 'programId', p.id, 'name', p.name, 'status', e.status) order by p.name, p.id)
  from enrollments e join programs p on p.id = e.program_id
  where e.partner_id = "partners"."id"), '[]'::json)`;

/**
 * The console's partner directory: one row per partner with its programs as tags, searched by name
 * or email and filtered by enrollment status, program and category (one enrollment must match all
 * of them), paged and sorted in SQL.
 */
export async function listPartnerDirectory(db: Executor, workspaceId: string, q: PartnerDirectoryQuery) {
  const filters: SQL[] = [eq(partners.workspaceId, workspaceId)];
  if (q.search) {
    const term = `%${q.search.replace(/[%_\\]/g, '\\$&')}%`;
    filters.push(or(ilike(partners.name, term), ilike(partners.email, term))!);
  }
  if (q.status || q.programId || q.category) {
    const match: SQL[] = [eq(enrollments.partnerId, partners.id), eq(enrollments.workspaceId, workspaceId)];
    if (q.status) match.push(eq(enrollments.status, q.status));
    if (q.programId) match.push(eq(enrollments.programId, q.programId));
    if (q.category) match.push(eq(programs.category, q.category));
    filters.push(exists(db.select({ one: sql`1` }).from(enrollments).innerJoin(programs, eq(programs.id, enrollments.programId)).where(and(...match))));
  }
  const where = and(...filters);
  const sortColumn = { name: partners.name, email: partners.email, createdAt: partners.createdAt }[q.sort];
  const rows: PartnerDirectoryRow[] = await db
    .select({ id: partners.id, name: partners.name, email: partners.email, company: partners.company, createdAt: partners.createdAt, programs: programTags })
    .from(partners)
    .where(where)
    .orderBy(q.dir === 'asc' ? asc(sortColumn) : desc(sortColumn), asc(partners.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(partners).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Partner portal: every enrollment of every partner record belonging to this user. */
export async function listEnrollmentsOfUser(db: Executor, userId: string) {
  return db
    .select({
      enrollmentId: enrollments.id,
      partnerId: partners.id,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      programName: programs.name,
      programCategory: programs.category,
      unit: programs.unit,
      status: enrollments.status,
      appliedAt: enrollments.appliedAt,
      // the merchant's words with the latest decision (why rejected or suspended), if any
      reason: latestReason,
    })
    .from(partners)
    .innerJoin(enrollments, eq(enrollments.partnerId, partners.id))
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .innerJoin(workspaces, eq(workspaces.id, partners.workspaceId))
    .where(eq(partners.userId, userId))
    .orderBy(asc(workspaces.name), asc(programs.name));
}

export async function partnerIdsOfUser(db: Executor, userId: string): Promise<{ id: string; workspaceId: string }[]> {
  return db.select({ id: partners.id, workspaceId: partners.workspaceId }).from(partners).where(eq(partners.userId, userId));
}
