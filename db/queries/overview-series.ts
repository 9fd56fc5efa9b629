import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { bindings, clicks, ledgerEntries, orderCredits, payoutItems, payouts } from '../schema';
import { bucketSums } from './balances';
import { inRange, weekOf, type OverviewRange } from './overview-range';

// The overview's weekly series. Each returns only the weeks that have data, keyed by the week's
// Monday; the page lays them over the period's full list of weeks, so empty weeks show as zero.

/** Tracked clicks per week, bots left out (repeat clicks of a visitor included: this is traffic, not the engine's counted touches). */
export async function weeklyClicks(db: Executor, workspaceId: string, range: OverviewRange) {
  return db
    .select({ week: weekOf(clicks.occurredAt, range), clicks: sql<number>`count(*)::int` })
    .from(clicks)
    .where(and(eq(clicks.workspaceId, workspaceId), eq(clicks.isBot, false), inRange(clicks.occurredAt, range)))
    .groupBy(sql`1`);
}

/**
 * New referred customers per week: customers whose first binding to a partner (by attribution or
 * by hand, in any program) falls in the week. A customer bound in two programs counts once, in the
 * week of the earlier binding. (customers.created_at is when we first stored the row, which for
 * back-filled events is not when they became a customer.)
 */
export async function weeklyNewCustomers(db: Executor, workspaceId: string, range: OverviewRange) {
  const earlier = sql`exists (select 1 from ${bindings} e where e.workspace_id = ${workspaceId} and e.customer_id = ${bindings.customerId} and e.bound_at < ${bindings.boundAt})`;
  return db
    .select({ week: weekOf(bindings.boundAt, range), customers: sql<number>`count(distinct ${bindings.customerId})::int` })
    .from(bindings)
    .where(and(eq(bindings.workspaceId, workspaceId), inRange(bindings.boundAt, range), sql`not ${earlier}`))
    .groupBy(sql`1`);
}

/**
 * Attributed revenue per week, in the base currency: for every order that credited at least one
 * partner, the qualifying revenue the engine converted at the order's rate (order_credits), counted
 * once per order (the largest over the programs that credited it, as program scopes may differ).
 * Refunds are not subtracted here; they show as reversals in the rewards.
 */
export async function weeklyAttributedRevenue(db: Executor, workspaceId: string, range: OverviewRange) {
  const perOrder = db
    .select({ at: sql`min(${orderCredits.at})`.as('at'), revenue: sql`max(${orderCredits.qualifyingRevenueBase})`.as('revenue') })
    .from(orderCredits)
    .where(and(eq(orderCredits.workspaceId, workspaceId), inRange(orderCredits.at, range)))
    .groupBy(orderCredits.eventId)
    .as('per_order');
  return db
    .select({ week: weekOf(sql`${perOrder.at}`, range), revenue: sql<string>`sum(${perOrder.revenue})::text`, orders: sql<number>`count(*)::int` })
    .from(perOrder)
    .groupBy(sql`1`);
}

/**
 * Rewards per week of creation and unit, split by where each entry stands now (§5 buckets, the
 * same SQL as the balances): how much of what was earned in a week is still on hold, payable, in
 * transfer or paid. Net amounts: reversals and clawbacks count in the week they were written.
 */
export async function weeklyRewardsByStatus(db: Executor, workspaceId: string, range: OverviewRange, now: Date) {
  return db
    .select({ week: weekOf(ledgerEntries.createdAt, range), unit: ledgerEntries.unit, ...bucketSums(now) })
    .from(ledgerEntries)
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), inRange(ledgerEntries.createdAt, range, now)))
    .groupBy(sql`1`, ledgerEntries.unit)
    .orderBy(ledgerEntries.unit);
}
