import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { enrollments, enrollmentStatusChanges } from '../../schema';
import type { EnrollmentStatus } from '../../../lib/domain/enrollments';
import type { RewardRule } from '../../../lib/validation/program';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// The REST API's enrollments: one workspace's, newest first, each with its special terms and its
// latest status change (when, and the merchant's words the partner reads in the portal).

const keyset: KeysetColumns = { table: enrollments, workspaceId: enrollments.workspaceId, time: enrollments.createdAt, id: enrollments.id };

export interface ApiEnrollmentRow {
  id: string;
  partnerId: string;
  programId: string;
  status: EnrollmentStatus;
  rules: RewardRule[] | null;
  createdAt: Date;
  statusChangedAt: Date;
  reason: string | null;
}

// qualified by hand: drizzle would bind bare names to the subquery's own table
const latestChange = (column: 'at' | 'reason') =>
  sql.raw(`(select c.${column} from enrollment_status_changes c where c.enrollment_id = "enrollments"."id" order by c.at desc, c.seq desc limit 1)`);

const columns = {
  id: enrollments.id,
  partnerId: enrollments.partnerId,
  programId: enrollments.programId,
  status: enrollments.status,
  rules: enrollments.rules,
  createdAt: enrollments.createdAt,
  // every enrollment has its first change (insertEnrollment writes it); applied_at is the fallback
  statusChangedAt: sql<Date>`coalesce(${latestChange('at')}, ${enrollments.appliedAt})`.mapWith(enrollmentStatusChanges.at),
  reason: sql<string | null>`${latestChange('reason')}`,
};

export interface ApiEnrollmentFilters {
  limit: number;
  startingAfter?: string;
  partnerId?: string;
  programId?: string;
  status?: EnrollmentStatus;
}

/** One page of enrollments, newest first; `limit + 1` rows so the caller knows whether more follow. */
export async function listApiEnrollments(db: Executor, workspaceId: string, f: ApiEnrollmentFilters): Promise<ApiEnrollmentRow[]> {
  const cursor = await cursorOf(db, keyset, workspaceId, f.startingAfter);
  const filters: (SQL | undefined)[] = [eq(enrollments.workspaceId, workspaceId), beforeCursor(keyset, cursor)];
  if (f.partnerId) filters.push(eq(enrollments.partnerId, f.partnerId));
  if (f.programId) filters.push(eq(enrollments.programId, f.programId));
  if (f.status) filters.push(eq(enrollments.status, f.status));
  return db
    .select(columns)
    .from(enrollments)
    .where(and(...filters))
    .orderBy(...newestFirst(keyset))
    .limit(f.limit + 1);
}

export async function findApiEnrollment(db: Executor, workspaceId: string, enrollmentId: string): Promise<ApiEnrollmentRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, enrollmentId)));
  return row;
}
