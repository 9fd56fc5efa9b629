import 'server-only';
import { sql, type SQL } from 'drizzle-orm';

// What a partner's links brought, for the portal's links page: the same common table expressions
// feed the per-link table and the per-sub-id summary, so the two always agree. Everything is read
// for ONE partner record (one workspace): `partnerId` and `workspaceId` are both required.
//
// Definitions (the page states them):
// - clicks: human clicks on the link (bots left out; repeats included, like the console);
// - visitors: distinct visitor ids among those clicks;
// - customers: customers bound to this partner (a share of a binding in any program) whose last
//   human click on one of the partner's links at or before their first binding to the partner was
//   on this link. Each customer counts for at most one link, so per-sub-id sums are exact;
//   customers who came through a coupon, a deal, a partner code or the merchant's hand without a
//   click count for no link;
// - orders: orders of those customers that credited the partner (order_credits), each once;
// - revenue: per such order, the largest revenue credited to the partner across its programs, in
//   the workspace's base currency, before refunds (as the console's overview counts it).

export interface PortalLinkScope {
  workspaceId: string;
  partnerId: string;
}

/**
 * `mine` (the partner's links, optionally of one sub-id), `traffic` (clicks and visitors per link),
 * `brought` (each bound customer with the link that brought it, when one did) and `outcomes`
 * (customers, orders and revenue per link). The lateral lookup walks the (workspace, visitor, time)
 * index of clicks per customer visitor; nothing here touches the redirect path.
 */
export function linkStatsCtes(scope: PortalLinkScope, subId?: string): SQL {
  const w = scope.workspaceId;
  const p = scope.partnerId;
  const onlySub = subId === undefined ? sql`` : sql` and l.sub_id = ${subId}`;
  return sql`
    mine as (
      select l.id, l.code, l.sub_id, l.destination_url, l.disabled, l.created_at, l.program_id
      from links l
      where l.workspace_id = ${w} and l.partner_id = ${p}${onlySub}
    ),
    traffic as (
      select c.link_id, count(*) as clicks, count(distinct c.visitor_id) as visitors
      from clicks c join mine m on m.id = c.link_id
      where c.workspace_id = ${w} and c.partner_id = ${p} and not c.is_bot
      group by c.link_id
    ),
    bound as (
      select b.customer_id, min(b.bound_at) as bound_at
      from binding_shares s join bindings b on b.id = s.binding_id
      where s.workspace_id = ${w} and s.partner_id = ${p} and b.workspace_id = ${w}
      group by b.customer_id
    ),
    brought as (
      select bd.customer_id, last_click.link_id
      from bound bd
      cross join lateral (
        select c.link_id
        from customer_visitors cv
        join clicks c on c.workspace_id = cv.workspace_id and c.visitor_id = cv.visitor_id
        where cv.workspace_id = ${w} and cv.customer_id = bd.customer_id
          and c.partner_id = ${p} and not c.is_bot and c.occurred_at <= bd.bound_at
        order by c.occurred_at desc, c.seq desc
        limit 1
      ) last_click
    ),
    credited as (
      select e.customer_id, oc.event_id, max(oc.credited_revenue_base) as revenue
      from order_credits oc join events e on e.id = oc.event_id and e.workspace_id = oc.workspace_id
      where oc.workspace_id = ${w} and oc.partner_id = ${p}
      group by e.customer_id, oc.event_id
    ),
    outcomes as (
      select br.link_id, count(distinct br.customer_id) as customers, count(cr.event_id) as orders, coalesce(sum(cr.revenue), 0) as revenue
      from brought br join mine m on m.id = br.link_id
      left join credited cr on cr.customer_id = br.customer_id
      group by br.link_id
    )`;
}

/** The numbers every row of the links page shows, per link or per sub-id. */
export interface LinkOutcome {
  clicks: number;
  visitors: number;
  customers: number;
  orders: number;
  /** base currency, exact numeric string */
  revenue: string;
}

export function outcomeOf(r: Record<string, unknown>): LinkOutcome {
  return {
    clicks: Number(r.clicks ?? 0),
    visitors: Number(r.visitors ?? 0),
    customers: Number(r.customers ?? 0),
    orders: Number(r.orders ?? 0),
    revenue: String(r.revenue ?? '0'),
  };
}
