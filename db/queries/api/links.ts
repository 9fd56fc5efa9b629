import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { clicks, enrollments, links, partners, programs, workspaces } from '../../schema';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// The REST API's reads of tracked links, newest first, inside one workspace.

const keyset: KeysetColumns = { table: links, workspaceId: links.workspaceId, time: links.createdAt, id: links.id };

const apiLinkColumns = {
  id: links.id,
  code: links.code,
  destinationUrl: links.destinationUrl,
  subId: links.subId,
  partnerId: links.partnerId,
  programId: links.programId,
  disabled: links.disabled,
  createdAt: links.createdAt,
  // the workspace's current list decides whether the destination may still be used
  allowedDomains: workspaces.allowedDomains,
};

export type ApiLinkRow = NonNullable<Awaited<ReturnType<typeof findApiLink>>>;

export interface ApiLinkFilter {
  partnerId?: string;
  programId?: string;
  disabled?: boolean;
  limit: number;
  startingAfter?: string;
}

/** One page (plus one row, to know whether more follow) of the workspace's links. */
export async function listApiLinks(db: Executor, workspaceId: string, f: ApiLinkFilter) {
  const cursor = await cursorOf(db, keyset, workspaceId, f.startingAfter);
  const where: (SQL | undefined)[] = [eq(links.workspaceId, workspaceId), beforeCursor(keyset, cursor)];
  if (f.partnerId) where.push(eq(links.partnerId, f.partnerId));
  if (f.programId) where.push(eq(links.programId, f.programId));
  if (f.disabled !== undefined) where.push(eq(links.disabled, f.disabled));
  return db
    .select(apiLinkColumns)
    .from(links)
    .innerJoin(workspaces, eq(workspaces.id, links.workspaceId))
    .where(and(...where))
    .orderBy(...newestFirst(keyset))
    .limit(f.limit + 1);
}

export async function findApiLink(db: Executor, workspaceId: string, linkId: string) {
  const [row] = await db
    .select(apiLinkColumns)
    .from(links)
    .innerJoin(workspaces, eq(workspaces.id, links.workspaceId))
    .where(and(eq(links.workspaceId, workspaceId), eq(links.id, linkId)));
  return row;
}

/**
 * Human clicks (repeats included) and distinct visitors of one link, as the links pages count
 * them. Filtered by the link's partner too, so the (workspace, partner, time) index of clicks
 * serves it: one link's count never scans the workspace.
 */
export async function apiLinkTraffic(db: Executor, workspaceId: string, link: { id: string; partnerId: string }) {
  const [row] = await db
    .select({ clicks: sql<number>`count(*)::int`, visitors: sql<number>`count(distinct ${clicks.visitorId})::int` })
    .from(clicks)
    .where(and(eq(clicks.workspaceId, workspaceId), eq(clicks.partnerId, link.partnerId), eq(clicks.linkId, link.id), eq(clicks.isBot, false)));
  return { clicks: row?.clicks ?? 0, visitors: row?.visitors ?? 0 };
}

/**
 * What a new link's partner and program resolve to in this workspace: whether the partner exists,
 * and its enrollments with their program's status (the API picks the program when the partner is
 * approved in exactly one active program).
 */
export async function apiLinkOwner(db: Executor, workspaceId: string, partnerId: string) {
  const [partner] = await db.select({ id: partners.id }).from(partners).where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
  if (!partner) return undefined;
  const enrolled = await db
    .select({ programId: enrollments.programId, status: enrollments.status, programStatus: programs.status })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, partnerId)));
  return { id: partner.id, enrollments: enrolled };
}

export async function programExists(db: Executor, workspaceId: string, programId: string): Promise<boolean> {
  const [row] = await db.select({ id: programs.id }).from(programs).where(and(eq(programs.workspaceId, workspaceId), eq(programs.id, programId)));
  return Boolean(row);
}
