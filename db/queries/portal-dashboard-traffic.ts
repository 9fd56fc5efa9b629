import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { linkStatsCtes, type PortalLinkScope } from './portal-links-stats';

// Clicks, customers and conversion per program for the partner dashboard, built on the links
// page's own common table expressions (portal-links-stats.ts) so a program's figures are exactly
// its links' figures there, summed without double counting:
// - clicks: human clicks on the partner's links of the program;
// - visitors: distinct visitor ids among those clicks (one visitor on two links counts once);
// - customers from links: customers the links page credits to one of these links (each customer
//   to at most one link, so the sum is exact);
// - conversion: customers from links / visitors (undefined without visitors);
// - all customers: every customer bound to the partner in this program, whatever brought them
//   (a click, a coupon, a deal, the merchant's hand).

export interface ProgramTraffic {
  programId: string;
  programName: string;
  links: number;
  clicks: number;
  visitors: number;
  customersFromLinks: number;
  allCustomers: number;
}

/** One row per program the partner is approved or suspended in, or has links in, by program name. */
export async function programTraffic(db: Executor, scope: PortalLinkScope): Promise<ProgramTraffic[]> {
  const w = scope.workspaceId;
  const p = scope.partnerId;
  const result = await db.execute<Record<string, unknown>>(sql`
    with ${linkStatsCtes(scope)},
    program_traffic as (
      select m.program_id, count(*) as clicks, count(distinct c.visitor_id) as visitors
      from clicks c join mine m on m.id = c.link_id
      where c.workspace_id = ${w} and c.partner_id = ${p} and not c.is_bot
      group by m.program_id
    ),
    program_links as (
      select m.program_id, count(*) as links, coalesce(sum(o.customers), 0) as customers
      from mine m left join outcomes o on o.link_id = m.id
      group by m.program_id
    ),
    program_customers as (
      select b.program_id, count(distinct b.customer_id) as customers
      from binding_shares s join bindings b on b.id = s.binding_id
      where s.workspace_id = ${w} and s.partner_id = ${p} and b.workspace_id = ${w}
      group by b.program_id
    )
    select pr.id, pr.name, pl.links, pt.clicks, pt.visitors, pl.customers as from_links, pc.customers as all_customers
    from programs pr
    left join program_traffic pt on pt.program_id = pr.id
    left join program_links pl on pl.program_id = pr.id
    left join program_customers pc on pc.program_id = pr.id
    where pr.workspace_id = ${w} and (
      pl.program_id is not null or pc.program_id is not null
      or exists (select 1 from enrollments e where e.workspace_id = ${w} and e.partner_id = ${p} and e.program_id = pr.id and e.status in ('approved', 'suspended'))
    )
    order by pr.name, pr.id`);
  return result.rows.map((r) => ({
    programId: String(r.id),
    programName: String(r.name),
    links: Number(r.links ?? 0),
    clicks: Number(r.clicks ?? 0),
    visitors: Number(r.visitors ?? 0),
    customersFromLinks: Number(r.from_links ?? 0),
    allCustomers: Number(r.all_customers ?? 0),
  }));
}
