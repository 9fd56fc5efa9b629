import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, ledgerEntries, poolPeriodClosings, poolPrograms, pools, workspaces } from '../schema';

// The partner portal's bonuses: the pools one partner record takes part in, and its own bonus
// entries. Each read takes the workspace and the partner record, so nothing of another partner or
// another tenant is found.

/**
 * Pools of the workspace in which the partner is approved in a member program now, or was
 * measured in a closed period (so its history stays visible after it leaves), with the merchant.
 */
export async function poolsOfPartner(db: Executor, workspaceId: string, partnerId: string) {
  const approvedMember = sql<boolean>`exists (
    select 1 from ${poolPrograms} join ${enrollments} on ${enrollments.programId} = ${poolPrograms.programId}
    where ${poolPrograms.poolId} = ${pools.id} and ${poolPrograms.workspaceId} = ${workspaceId}
      and ${enrollments.workspaceId} = ${workspaceId} and ${enrollments.partnerId} = ${partnerId} and ${enrollments.status} = 'approved')`;
  // jsonb containment on the closing's standings: was this partner measured in any closed period?
  const measuredBefore = sql<boolean>`exists (
    select 1 from ${poolPeriodClosings} where ${poolPeriodClosings.poolId} = ${pools.id} and ${poolPeriodClosings.workspaceId} = ${workspaceId}
      and ${poolPeriodClosings.result} -> 'standings' @> ${JSON.stringify([{ partnerId }])}::jsonb)`;
  return db
    .select({
      id: pools.id, name: pools.name, unit: pools.unit, amount: pools.amount, period: pools.period, metric: pools.metric, goal: pools.goal,
      active: pools.active, workspaceId: pools.workspaceId, workspaceName: workspaces.name, baseCurrency: workspaces.baseCurrency,
      approvedMember,
    })
    .from(pools)
    .innerJoin(workspaces, eq(workspaces.id, pools.workspaceId))
    .where(and(eq(pools.workspaceId, workspaceId), sql`(${approvedMember} or ${measuredBefore})`))
    .orderBy(asc(pools.name));
}

/** The partner's own bonus entries in these pools: the "Why?" of each closed period it was paid in. */
export async function bonusEntriesOfPartner(db: Executor, workspaceId: string, partnerId: string, poolIds: string[]) {
  if (poolIds.length === 0) return [];
  return db
    .select({ id: ledgerEntries.id, poolId: ledgerEntries.poolId, period: ledgerEntries.poolPeriod, amount: ledgerEntries.amount, unit: ledgerEntries.unit })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.partnerId, partnerId), eq(ledgerEntries.kind, 'bonus'), inArray(ledgerEntries.poolId, poolIds)));
}
