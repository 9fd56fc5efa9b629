import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { coupons, enrollments, fxRates, payoutMinimums, poolPrograms, pools, programGroupMembers, programGroups, units } from '../schema';
import type { PoolMetric, PoolPeriodKind } from '../../lib/domain/pools';
import type { GroupStrategy } from '../../lib/domain/programs';
import type { RewardRule } from '../../lib/engine';

// Workspace configuration that no console screen writes yet (custom units, FX rates, payout
// minimums, program groups, pools, coupons, a partner's special rules). The scenario runner and
// the benchmarks set workspaces up through these; a settings screen's service should call the same
// functions rather than grow its own inserts. Each takes the workspace it writes into.

export async function insertUnit(db: Executor, workspaceId: string, unit: { key: string; label: string; precision: number; baseValue: string }) {
  await db.insert(units).values({ workspaceId, ...unit });
}

export async function insertFxRate(db: Executor, workspaceId: string, rate: { currency: string; rate: string; effectiveFrom: Date }) {
  await db.insert(fxRates).values({ workspaceId, ...rate });
}

export async function insertPayoutMinimum(db: Executor, workspaceId: string, unit: string, amount: string) {
  await db.insert(payoutMinimums).values({ workspaceId, unit, amount });
}

/** A group and its programs, ranked in the order given (1 = top tier). */
export async function insertProgramGroup(
  db: Executor,
  workspaceId: string,
  group: { slug: string; name: string; strategy: GroupStrategy; programIds: string[] },
): Promise<{ id: string }> {
  const [row] = await db.insert(programGroups).values({ workspaceId, slug: group.slug, name: group.name, strategy: group.strategy }).returning({ id: programGroups.id });
  await db.insert(programGroupMembers).values(group.programIds.map((programId, i) => ({ groupId: row.id, workspaceId, programId, rank: i + 1 })));
  return row;
}

export async function insertPool(
  db: Executor,
  workspaceId: string,
  pool: { slug: string; name: string; unit: string; amount: string; period: PoolPeriodKind; metric: PoolMetric; goal: string; programIds: string[] },
): Promise<{ id: string }> {
  const { programIds, ...values } = pool;
  const [row] = await db.insert(pools).values({ workspaceId, ...values }).returning({ id: pools.id });
  await db.insert(poolPrograms).values(programIds.map((programId) => ({ poolId: row.id, workspaceId, programId })));
  return row;
}

/** Coupon codes are stored upper-cased: storefronts send them in any case. */
export async function insertCoupon(db: Executor, workspaceId: string, coupon: { partnerId: string; programId: string; code: string }) {
  await db.insert(coupons).values({ workspaceId, partnerId: coupon.partnerId, programId: coupon.programId, code: coupon.code.toUpperCase() });
}

/** A partner's special agreement: these rules replace the program's for this enrollment. */
export async function setEnrollmentRules(db: Executor, workspaceId: string, enrollmentId: string, rules: RewardRule[]) {
  await db.update(enrollments).set({ rules }).where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, enrollmentId)));
}
