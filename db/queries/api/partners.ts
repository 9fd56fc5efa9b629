import 'server-only';
import { and, eq, exists, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { enrollments, partners } from '../../schema';
import type { EnrollmentStatus } from '../../../lib/domain/enrollments';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// The REST API's partners: one workspace's partner records, newest first, each with a summary of
// its enrollments. Every function takes the workspace, so another tenant's id finds nothing.

const keyset: KeysetColumns = { table: partners, workspaceId: partners.workspaceId, time: partners.createdAt, id: partners.id };

export interface ApiPartnerEnrollment {
  id: string;
  programId: string;
  programName: string;
  status: EnrollmentStatus;
}

export interface ApiPartnerRow {
  id: string;
  email: string;
  name: string;
  company: string | null;
  website: string | null;
  taxCountry: string | null;
  hasAccount: boolean;
  createdAt: Date;
  enrollments: ApiPartnerEnrollment[];
}

// Qualified by hand: inside a subquery drizzle's bare column names would bind to the subquery's tables.
const enrollmentSummary = sql<ApiPartnerEnrollment[]>`coalesce((
  select json_agg(json_build_object('id', e.id, 'programId', p.id, 'programName', p.name, 'status', e.status) order by e.created_at, e.id)
  from enrollments e join programs p on p.id = e.program_id
  where e.partner_id = "partners"."id"), '[]'::json)`;

const columns = {
  id: partners.id,
  email: partners.email,
  name: partners.name,
  company: partners.company,
  website: partners.website,
  taxCountry: partners.taxCountry,
  hasAccount: sql<boolean>`${partners.userId} is not null`,
  createdAt: partners.createdAt,
  enrollments: enrollmentSummary,
};

export interface ApiPartnerFilters {
  limit: number;
  startingAfter?: string;
  /** exact, lower-cased like the stored emails */
  email?: string;
  /** partners with an enrollment matching both of these when both are given */
  programId?: string;
  status?: EnrollmentStatus;
}

/** One page of partners, newest first; `limit + 1` rows so the caller knows whether more follow. */
export async function listApiPartners(db: Executor, workspaceId: string, f: ApiPartnerFilters): Promise<ApiPartnerRow[]> {
  const cursor = await cursorOf(db, keyset, workspaceId, f.startingAfter);
  const filters: (SQL | undefined)[] = [eq(partners.workspaceId, workspaceId), beforeCursor(keyset, cursor)];
  if (f.email) filters.push(eq(partners.email, f.email));
  if (f.programId || f.status) {
    const match: SQL[] = [eq(enrollments.partnerId, partners.id), eq(enrollments.workspaceId, workspaceId)];
    if (f.programId) match.push(eq(enrollments.programId, f.programId));
    if (f.status) match.push(eq(enrollments.status, f.status));
    filters.push(exists(db.select({ one: sql`1` }).from(enrollments).where(and(...match))));
  }
  return db
    .select(columns)
    .from(partners)
    .where(and(...filters))
    .orderBy(...newestFirst(keyset))
    .limit(f.limit + 1);
}

export async function findApiPartner(db: Executor, workspaceId: string, partnerId: string): Promise<ApiPartnerRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
  return row;
}

export interface NewPartnerRecord {
  email: string;
  name: string;
  company: string | null;
  website: string | null;
  taxCountry: string | null;
}

/**
 * A partner record without an account: the person claims it by signing up with this email (the
 * join page links a record with no user). Undefined when the workspace already has the email; the
 * unique index decides, so two concurrent creations cannot both succeed.
 */
export async function insertPartnerRecord(db: Executor, workspaceId: string, input: NewPartnerRecord) {
  const [row] = await db
    .insert(partners)
    .values({ workspaceId, ...input, email: input.email.toLowerCase() })
    .onConflictDoNothing({ target: [partners.workspaceId, partners.email] })
    .returning({ id: partners.id, createdAt: partners.createdAt });
  return row;
}
