import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { linkStatsCtes, outcomeOf, type LinkOutcome, type PortalLinkScope } from './portal-links-stats';

export interface SubIdRow extends LinkOutcome {
  /** null: the links created without a sub-id */
  subId: string | null;
  links: number;
}

export interface SubIdSummary {
  /** the busiest sub-ids first (by clicks, then name), at most `limit` */
  rows: SubIdRow[];
  /** how many sub-id groups there are in all (the no-sub-id group included) */
  groups: number;
  /** every link together; visitors are distinct across links, not a sum */
  all: LinkOutcome & { links: number };
  /** customers bound to the partner that no link brought (coupons, deals, codes, by hand) */
  customersWithoutLink: number;
}

/**
 * "By sub-id": the partner's links grouped by their sub-id with the same definitions as the links
 * table (portal-links-stats). Visitors are counted distinct within a group, so a visitor who
 * clicked two links of one campaign counts once there; customers, orders and revenue add up,
 * since each customer counts for one link only.
 */
export async function portalSubIdSummary(db: Executor, scope: PortalLinkScope, limit = 50): Promise<SubIdSummary> {
  const result = await db.execute<Record<string, unknown>>(sql`
    with ${linkStatsCtes(scope)},
    by_sub as (
      select m.sub_id, count(*) as links from mine m group by m.sub_id
    ),
    sub_traffic as (
      select m.sub_id, count(*) as clicks, count(distinct c.visitor_id) as visitors
      from clicks c join mine m on m.id = c.link_id
      where c.workspace_id = ${scope.workspaceId} and c.partner_id = ${scope.partnerId} and not c.is_bot
      group by m.sub_id
    ),
    sub_outcomes as (
      select m.sub_id, sum(o.customers) as customers, sum(o.orders) as orders, sum(o.revenue) as revenue
      from outcomes o join mine m on m.id = o.link_id
      group by m.sub_id
    )
    select s.sub_id, s.links, t.clicks, t.visitors, o.customers, o.orders, o.revenue, count(*) over () as groups
    from by_sub s
    left join sub_traffic t on t.sub_id is not distinct from s.sub_id
    left join sub_outcomes o on o.sub_id is not distinct from s.sub_id
    order by coalesce(t.clicks, 0) desc, s.sub_id nulls last
    limit ${limit}`);

  const totals = await db.execute<Record<string, unknown>>(sql`
    with ${linkStatsCtes(scope)}
    select
      (select count(*) from mine) as links,
      (select count(*) from clicks c join mine m on m.id = c.link_id
        where c.workspace_id = ${scope.workspaceId} and c.partner_id = ${scope.partnerId} and not c.is_bot) as clicks,
      (select count(distinct c.visitor_id) from clicks c join mine m on m.id = c.link_id
        where c.workspace_id = ${scope.workspaceId} and c.partner_id = ${scope.partnerId} and not c.is_bot) as visitors,
      (select coalesce(sum(customers), 0) from outcomes) as customers,
      (select coalesce(sum(orders), 0) from outcomes) as orders,
      (select coalesce(sum(revenue), 0) from outcomes) as revenue,
      (select count(*) from bound) - (select count(*) from brought) as without_link`);
  const t = totals.rows[0] ?? {};

  return {
    rows: result.rows.map((r) => ({ subId: r.sub_id == null ? null : String(r.sub_id), links: Number(r.links), ...outcomeOf(r) })),
    groups: result.rows.length > 0 ? Number(result.rows[0].groups) : 0,
    all: { links: Number(t.links ?? 0), ...outcomeOf(t) },
    customersWithoutLink: Number(t.without_link ?? 0),
  };
}
