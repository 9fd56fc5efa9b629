import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { coupons, enrollments, partners, programs } from '../schema';

// Coupons as the console manages them. Codes are stored upper-cased (storefronts send any case) and
// are unique per workspace, as are Stripe promotion code ids: the unique indexes decide, not a read.

export async function listCouponsOfPartner(db: Executor, workspaceId: string, partnerId: string) {
  return db
    .select({
      id: coupons.id,
      code: coupons.code,
      stripePromotionCodeId: coupons.stripePromotionCodeId,
      disabled: coupons.disabled,
      createdAt: coupons.createdAt,
      programId: coupons.programId,
      programName: programs.name,
    })
    .from(coupons)
    .innerJoin(programs, eq(programs.id, coupons.programId))
    .where(and(eq(coupons.workspaceId, workspaceId), eq(coupons.partnerId, partnerId)))
    .orderBy(asc(coupons.code));
}

/** The partner's enrollment in a program, with what a new coupon needs of it; undefined when none. */
export async function findEnrollmentForCoupon(db: Executor, workspaceId: string, partnerId: string, programId: string) {
  const [row] = await db
    .select({ status: enrollments.status, programName: programs.name, programStatus: programs.status })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, partnerId), eq(enrollments.programId, programId)));
  return row;
}

export async function partnerExists(db: Executor, workspaceId: string, partnerId: string): Promise<boolean> {
  const [row] = await db.select({ id: partners.id }).from(partners).where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
  return Boolean(row);
}

/** Undefined when the code or the promotion code id is already used in the workspace. */
export async function insertCoupon(
  db: Executor,
  values: { workspaceId: string; partnerId: string; programId: string; code: string; stripePromotionCodeId: string | null },
): Promise<{ id: string } | undefined> {
  const [row] = await db.insert(coupons).values(values).onConflictDoNothing().returning({ id: coupons.id });
  return row;
}

/** Who holds a code or a promotion code id in the workspace (to name the conflict after a refused insert). */
export async function findCouponHolder(db: Executor, workspaceId: string, by: { code: string } | { stripePromotionCodeId: string }) {
  const match = 'code' in by ? eq(coupons.code, by.code) : eq(coupons.stripePromotionCodeId, by.stripePromotionCodeId);
  const [row] = await db
    .select({ code: coupons.code, partnerName: partners.name })
    .from(coupons)
    .innerJoin(partners, eq(partners.id, coupons.partnerId))
    .where(and(eq(coupons.workspaceId, workspaceId), match));
  return row;
}

/** The coupon locked for a change, with what the audit log names; undefined when it is not this workspace's. */
export async function lockCoupon(db: Executor, workspaceId: string, couponId: string) {
  const [row] = await db
    .select({ id: coupons.id, code: coupons.code, partnerId: coupons.partnerId, programId: coupons.programId, disabled: coupons.disabled })
    .from(coupons)
    .where(and(eq(coupons.workspaceId, workspaceId), eq(coupons.id, couponId)))
    .for('update');
  return row;
}

export async function updateCouponDisabled(db: Executor, workspaceId: string, couponId: string, disabled: boolean) {
  const [row] = await db
    .update(coupons)
    .set({ disabled })
    .where(and(eq(coupons.workspaceId, workspaceId), eq(coupons.id, couponId)))
    .returning({ id: coupons.id, code: coupons.code, partnerId: coupons.partnerId });
  return row;
}
