import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { coupons, enrollments, links, partners, programs, workspaces } from '../schema';

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
  values: { workspaceId: string; partnerId: string; programId: string; code: string; destinationUrl: string },
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

export async function listCouponsOfUser(db: Executor, userId: string) {
  return db
    .select({ id: coupons.id, code: coupons.code, disabled: coupons.disabled, workspaceName: workspaces.name, programName: programs.name })
    .from(coupons)
    .innerJoin(partners, eq(partners.id, coupons.partnerId))
    .innerJoin(programs, eq(programs.id, coupons.programId))
    .innerJoin(workspaces, eq(workspaces.id, coupons.workspaceId))
    .where(eq(partners.userId, userId))
    .orderBy(asc(workspaces.name), asc(coupons.code));
}

export interface PartnerLinkRow {
  id: string;
  code: string;
  destinationUrl: string;
  disabled: boolean;
  createdAt: Date;
  workspaceName: string;
  programName: string;
  /** the link's workspace's current list, to mark links whose destination is no longer allowed */
  allowedDomains: string[];
  /** human clicks */
  clicks: number;
  /** human clicks that count: repeats by a visitor within an hour of their last counted click don't */
  uniqueClicks: number;
}

/**
 * The partner portal's links with click counts. Unique clicks follow the engine's rule exactly
 * (lib/engine/clicks.ts: an hour from the last *counted* click, bots excluded), walked per link and
 * visitor by a recursive query that jumps from one counted click to the first one an hour later
 * along the (workspace, visitor, time) index.
 */
export async function listLinksOfUser(db: Executor, userId: string): Promise<PartnerLinkRow[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    with recursive mine as (
      select l.id, l.code, l.destination_url, l.disabled, l.created_at, w.name as workspace_name, pr.name as program_name, w.allowed_domains
      from links l
      join partners p on p.id = l.partner_id
      join workspaces w on w.id = l.workspace_id
      join programs pr on pr.id = l.program_id
      where p.user_id = ${userId}
    ),
    counted(workspace_id, link_id, visitor_id, at) as (
      select c.workspace_id, c.link_id, c.visitor_id, min(c.occurred_at)
      from clicks c join mine m on m.id = c.link_id
      where not c.is_bot
      group by c.workspace_id, c.link_id, c.visitor_id
      union all
      select k.workspace_id, k.link_id, k.visitor_id, (
        select min(c.occurred_at) from clicks c
        where c.workspace_id = k.workspace_id and c.visitor_id = k.visitor_id and c.link_id = k.link_id
          and not c.is_bot and c.occurred_at >= k.at + interval '1 hour')
      from counted k where k.at is not null
    ),
    uniques as (select link_id, count(at) as n from counted group by link_id),
    totals as (select c.link_id, count(*) as n from clicks c join mine m on m.id = c.link_id where not c.is_bot group by c.link_id)
    select m.*, coalesce(t.n, 0) as clicks, coalesce(u.n, 0) as unique_clicks
    from mine m left join totals t on t.link_id = m.id left join uniques u on u.link_id = m.id
    order by m.workspace_name, m.created_at, m.code`);
  return result.rows.map((r) => ({
    id: String(r.id),
    code: String(r.code),
    destinationUrl: String(r.destination_url),
    disabled: Boolean(r.disabled),
    createdAt: new Date(r.created_at as string),
    workspaceName: String(r.workspace_name),
    programName: String(r.program_name),
    allowedDomains: Array.isArray(r.allowed_domains) ? r.allowed_domains.map(String) : [],
    clicks: Number(r.clicks),
    uniqueClicks: Number(r.unique_clicks),
  }));
}

/** The user's enrollments a link may be created in (approved, program active), with where links may point. */
export async function listLinkableEnrollmentsOfUser(db: Executor, userId: string) {
  return db
    .select({ enrollmentId: enrollments.id, workspaceName: workspaces.name, programName: programs.name, allowedDomains: workspaces.allowedDomains })
    .from(enrollments)
    .innerJoin(partners, eq(partners.id, enrollments.partnerId))
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .innerJoin(workspaces, eq(workspaces.id, enrollments.workspaceId))
    .where(and(eq(partners.userId, userId), eq(enrollments.status, 'approved'), eq(programs.status, 'active')))
    .orderBy(asc(workspaces.name), asc(programs.name));
}
