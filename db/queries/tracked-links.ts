import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, links, partners, programs, workspaces } from '../schema';

/** A link as the tracking path needs it, with the workspace's longest attribution window. */
export interface TrackedLinkRow {
  id: string;
  code: string;
  workspaceId: string;
  partnerId: string;
  programId: string;
  destinationUrl: string;
  disabled: boolean;
  windowDays: number;
  /** the workspace's current list: whether the destination may still be used is decided from it */
  allowedDomains: string[];
}

// The visitor cookie must outlive every window that may use it; archived programs no longer credit.
// Spelled out with qualified names: in a one-table select drizzle drops the table from column
// references, and the correlation would silently compare programs.workspace_id with itself.
const longestWindow = sql<number>`(select coalesce(max(p.window_days), 30) from programs p where p.workspace_id = "links"."workspace_id" and p.status = 'active')`;

const trackedColumns = {
  id: links.id,
  code: links.code,
  workspaceId: links.workspaceId,
  partnerId: links.partnerId,
  programId: links.programId,
  destinationUrl: links.destinationUrl,
  disabled: links.disabled,
  windowDays: longestWindow.mapWith(Number),
  allowedDomains: workspaces.allowedDomains,
};

const trackedLinks = (db: Executor) => db.select(trackedColumns).from(links).innerJoin(workspaces, eq(workspaces.id, links.workspaceId));

/** By code, across tenants: /r/<code> names no workspace (codes are globally unique). */
export async function findTrackedLinkByCode(db: Executor, code: string): Promise<TrackedLinkRow | undefined> {
  const [row] = await trackedLinks(db).where(eq(links.code, code));
  return row;
}

export async function findTrackedLink(db: Executor, workspaceId: string, linkId: string): Promise<TrackedLinkRow | undefined> {
  const [row] = await trackedLinks(db).where(and(eq(links.workspaceId, workspaceId), eq(links.id, linkId)));
  return row;
}

/** Every link of a workspace as the edge caches it: what a change of allowed domains rewrites. */
export async function listTrackedLinksOfWorkspace(db: Executor, workspaceId: string): Promise<TrackedLinkRow[]> {
  return trackedLinks(db).where(eq(links.workspaceId, workspaceId)).orderBy(asc(links.code));
}

/** The console's view of a workspace's links, with who owns them and in which program. */
export async function listLinksWithOwnersOfWorkspace(db: Executor, workspaceId: string) {
  return db
    .select({
      id: links.id, code: links.code, destinationUrl: links.destinationUrl, disabled: links.disabled,
      partnerName: partners.name, programName: programs.name,
    })
    .from(links)
    .innerJoin(partners, eq(partners.id, links.partnerId))
    .innerJoin(programs, eq(programs.id, links.programId))
    .where(eq(links.workspaceId, workspaceId))
    .orderBy(asc(partners.name), asc(programs.name), asc(links.code));
}

/** Undefined when the code is taken (the unique index decides, not a read before the write). */
export async function insertLink(
  db: Executor,
  values: { workspaceId: string; partnerId: string; programId: string; code: string; destinationUrl: string; subId?: string | null },
): Promise<{ id: string } | undefined> {
  const [row] = await db.insert(links).values(values).onConflictDoNothing({ target: links.code }).returning({ id: links.id });
  return row;
}

export async function updateLinkDisabled(db: Executor, workspaceId: string, linkId: string, disabled: boolean): Promise<boolean> {
  const rows = await db.update(links).set({ disabled }).where(and(eq(links.workspaceId, workspaceId), eq(links.id, linkId))).returning({ id: links.id });
  return rows.length > 0;
}

/** The enrollment a link is created under, with what the service checks and names the code by. */
export async function findEnrollmentForLink(db: Executor, workspaceId: string, partnerId: string, programId: string) {
  const [row] = await db
    .select({ status: enrollments.status, partnerName: partners.name, programSlug: programs.slug, programStatus: programs.status, allowedDomains: workspaces.allowedDomains })
    .from(enrollments)
    .innerJoin(partners, eq(partners.id, enrollments.partnerId))
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .innerJoin(workspaces, eq(workspaces.id, enrollments.workspaceId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, partnerId), eq(enrollments.programId, programId)));
  return row;
}
