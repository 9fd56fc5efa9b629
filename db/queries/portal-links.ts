import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, links, programs, workspaces } from '../schema';
import { linkStatsCtes, outcomeOf, type LinkOutcome, type PortalLinkScope } from './portal-links-stats';

export type { LinkOutcome, PortalLinkScope };

export const PORTAL_LINK_SORTS = ['createdAt', 'clicks', 'visitors', 'customers', 'revenue'] as const;
export type PortalLinkSort = (typeof PORTAL_LINK_SORTS)[number];

// Whitelisted ORDER BY expressions (the sort arrives from the query string); ties fall back to
// the newest link, then the id, so pages never overlap.
const ORDER: Record<PortalLinkSort, string> = {
  createdAt: 'm.created_at',
  clicks: 'coalesce(t.clicks, 0)',
  visitors: 'coalesce(t.visitors, 0)',
  customers: 'coalesce(o.customers, 0)',
  revenue: 'coalesce(o.revenue, 0)',
};

export interface PortalLinkQuery {
  page: number;
  pageSize: number;
  sort: PortalLinkSort;
  dir: 'asc' | 'desc';
  /** only the links carrying this sub-id */
  subId?: string;
}

export interface PortalLinkRow extends LinkOutcome {
  id: string;
  code: string;
  subId: string | null;
  destinationUrl: string;
  disabled: boolean;
  createdAt: Date;
  programName: string;
}

/** One page of the partner's links in one workspace, each with what it brought (portal-links-stats). */
export async function listPortalLinks(db: Executor, scope: PortalLinkScope, q: PortalLinkQuery): Promise<{ rows: PortalLinkRow[]; total: number }> {
  const dir = q.dir === 'asc' ? 'asc' : 'desc';
  const order = sql.raw(`${ORDER[q.sort] ?? ORDER.createdAt} ${dir}, m.created_at desc, m.id`);
  const result = await db.execute<Record<string, unknown>>(sql`
    with ${linkStatsCtes(scope, q.subId)}
    select m.id, m.code, m.sub_id, m.destination_url, m.disabled, m.created_at, pr.name as program_name,
      t.clicks, t.visitors, o.customers, o.orders, o.revenue, count(*) over () as total
    from mine m
    join programs pr on pr.id = m.program_id
    left join traffic t on t.link_id = m.id
    left join outcomes o on o.link_id = m.id
    order by ${order}
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  const rows = result.rows.map((r) => ({
    id: String(r.id),
    code: String(r.code),
    subId: r.sub_id == null ? null : String(r.sub_id),
    destinationUrl: String(r.destination_url),
    disabled: Boolean(r.disabled),
    createdAt: new Date(r.created_at as string),
    programName: String(r.program_name),
    ...outcomeOf(r),
  }));
  // a page past the end has no row to carry the window count: count separately only then
  const total = result.rows.length > 0 ? Number(result.rows[0].total) : await countPortalLinks(db, scope, q.subId);
  return { rows, total };
}

async function countPortalLinks(db: Executor, scope: PortalLinkScope, subId?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(links)
    .where(and(eq(links.workspaceId, scope.workspaceId), eq(links.partnerId, scope.partnerId), subId === undefined ? undefined : eq(links.subId, subId)));
  return row?.n ?? 0;
}

/** The partner's enrollments in this workspace a link may be created in (approved, program active). */
export async function listLinkableEnrollmentsOfPartner(db: Executor, scope: PortalLinkScope) {
  return db
    .select({ enrollmentId: enrollments.id, programName: programs.name, allowedDomains: workspaces.allowedDomains })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .innerJoin(workspaces, eq(workspaces.id, enrollments.workspaceId))
    .where(and(
      eq(enrollments.workspaceId, scope.workspaceId), eq(enrollments.partnerId, scope.partnerId),
      eq(enrollments.status, 'approved'), eq(programs.status, 'active'),
    ))
    .orderBy(asc(programs.name));
}

/** The workspace's base currency (revenue is in it) and its current allowed destination hosts. */
export async function portalLinkWorkspace(db: Executor, workspaceId: string) {
  const [row] = await db
    .select({ baseCurrency: workspaces.baseCurrency, allowedDomains: workspaces.allowedDomains })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row;
}

// no partner record matches this: an empty id list finds nothing instead of everything
const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

/**
 * A link by id if it belongs to one of the caller's partner records (any of its merchants: a QR
 * download keeps working after switching), else undefined, whoever owns it.
 */
export async function findLinkOfPartners(db: Executor, partnerIds: readonly string[], linkId: string) {
  const [row] = await db
    .select({ id: links.id, code: links.code, subId: links.subId, workspaceId: links.workspaceId })
    .from(links)
    .where(and(eq(links.id, linkId), inArray(links.partnerId, partnerIds.length ? [...partnerIds] : [NO_PARTNER])));
  return row;
}
