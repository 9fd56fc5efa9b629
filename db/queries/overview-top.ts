import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, orderCredits, partners } from '../schema';
import { inRange, type OverviewRange } from './overview-range';

/**
 * The partners who earned most in the period, per unit: net rewards written in the period
 * (commissions and bonuses minus reversals and clawbacks), at most `limit` per unit, ties by name.
 */
export async function topPartnersByRewards(db: Executor, workspaceId: string, range: OverviewRange, now: Date, limit = 10) {
  const ranked = db
    .select({
      partnerId: ledgerEntries.partnerId,
      name: partners.name,
      unit: ledgerEntries.unit,
      amount: sql<string>`sum(${ledgerEntries.amount})::text`.as('amount'),
      rank: sql<number>`row_number() over (partition by ${ledgerEntries.unit} order by sum(${ledgerEntries.amount}) desc, ${partners.name}, ${ledgerEntries.partnerId})`.as('rank'),
    })
    .from(ledgerEntries)
    .innerJoin(partners, eq(partners.id, ledgerEntries.partnerId))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), inRange(ledgerEntries.createdAt, range, now)))
    .groupBy(ledgerEntries.partnerId, partners.name, ledgerEntries.unit)
    .as('ranked');
  return db
    .select({ partnerId: ranked.partnerId, name: ranked.name, unit: ranked.unit, amount: ranked.amount })
    .from(ranked)
    .where(sql`${ranked.rank} <= ${limit}`)
    .orderBy(ranked.unit, ranked.rank);
}

/**
 * The partners credited with most revenue in the period (base currency): each order counts once per
 * partner, with its largest credit over the programs that credited it (like the pools' revenue
 * metric), before refunds.
 */
export async function topPartnersByRevenue(db: Executor, workspaceId: string, range: OverviewRange, limit = 10) {
  const perOrder = db
    .select({ partnerId: orderCredits.partnerId, revenue: sql<string>`max(${orderCredits.creditedRevenueBase})`.as('revenue') })
    .from(orderCredits)
    .where(and(eq(orderCredits.workspaceId, workspaceId), inRange(orderCredits.at, range)))
    .groupBy(orderCredits.eventId, orderCredits.partnerId)
    .as('per_order');
  const revenue = sql<string>`sum(${perOrder.revenue})`;
  return db
    .select({ partnerId: perOrder.partnerId, name: partners.name, revenue: sql<string>`${revenue}::text`, orders: sql<number>`count(*)::int` })
    .from(perOrder)
    .innerJoin(partners, and(eq(partners.workspaceId, workspaceId), eq(partners.id, perOrder.partnerId)))
    .groupBy(perOrder.partnerId, partners.name)
    .orderBy(desc(revenue), partners.name, perOrder.partnerId)
    .limit(limit);
}
