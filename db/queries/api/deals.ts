import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { dealRegistrations, enrollments, partners, programs } from '../../schema';
import type { DealStatus } from '../../../lib/domain/deals';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';
import { dealColumnsAsOf, hasStatusAsOf } from '../deals';

// The REST API's reads of deal registrations, newest registration first, inside one workspace.
// Expiry is derived when reading, as everywhere (db/queries/deals.ts): a pending or approved
// registration past its expires_at reads as expired whether or not the expiry job has run.

const keyset: KeysetColumns = { table: dealRegistrations, workspaceId: dealRegistrations.workspaceId, time: dealRegistrations.registeredAt, id: dealRegistrations.id };

export type ApiDealRow = NonNullable<Awaited<ReturnType<typeof findApiDeal>>>;

export interface ApiDealFilter {
  status?: DealStatus;
  partnerId?: string;
  programId?: string;
  /** the moment statuses are read at */
  asOf: Date;
  limit: number;
  startingAfter?: string;
}

/** One page (plus one row, to know whether more follow) of the workspace's registrations. */
export async function listApiDeals(db: Executor, workspaceId: string, f: ApiDealFilter) {
  const cursor = await cursorOf(db, keyset, workspaceId, f.startingAfter);
  const where: (SQL | undefined)[] = [eq(dealRegistrations.workspaceId, workspaceId), beforeCursor(keyset, cursor)];
  if (f.status) where.push(hasStatusAsOf(f.status, f.asOf));
  if (f.partnerId) where.push(eq(dealRegistrations.partnerId, f.partnerId));
  if (f.programId) where.push(eq(dealRegistrations.programId, f.programId));
  return db.select(dealColumnsAsOf(f.asOf)).from(dealRegistrations).where(and(...where)).orderBy(...newestFirst(keyset)).limit(f.limit + 1);
}

export async function findApiDeal(db: Executor, workspaceId: string, dealId: string, asOf: Date) {
  const [row] = await db
    .select(dealColumnsAsOf(asOf))
    .from(dealRegistrations)
    .where(and(eq(dealRegistrations.workspaceId, workspaceId), eq(dealRegistrations.id, dealId)));
  return row;
}

/**
 * What a registration on a partner's behalf names, looked up inside the workspace only (another
 * tenant's partner or program comes back missing): the partner, the program, and the partner's
 * enrollment there with the program's status.
 */
export async function apiDealTargets(db: Executor, workspaceId: string, partnerId: string, programId: string) {
  const [partner] = await db.select({ id: partners.id }).from(partners).where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
  const [program] = await db.select({ id: programs.id }).from(programs).where(and(eq(programs.workspaceId, workspaceId), eq(programs.id, programId)));
  const [enrollment] = await db
    .select({ id: enrollments.id, status: enrollments.status, programStatus: programs.status })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, partnerId), eq(enrollments.programId, programId)));
  return { partnerFound: Boolean(partner), programFound: Boolean(program), enrollment };
}
