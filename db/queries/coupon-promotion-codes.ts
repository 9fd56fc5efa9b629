import 'server-only';
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { coupons } from '../schema';

// A coupon's Stripe promotion code: Stripe's webhooks name a promotion code by its id (promo_…),
// not by the code the shopper typed, so a coupon is matched by either. The id is entered in the
// console or learnt the first time Stripe shows it next to its code.

/**
 * Learns a promotion code's id for the coupon of the same code. A coupon without an id takes it; a
 * coupon with another id takes it only from an active promotion code (Stripe lets a code be reused
 * once its earlier promotion code is inactive). An id already given to another coupon of the
 * workspace stays with it. Returns whether a coupon took the id now.
 */
export async function recordCouponPromotionCode(db: Executor, workspaceId: string, promotionCode: { id: string; code: string; active: boolean }): Promise<boolean> {
  const code = promotionCode.code.trim().toUpperCase();
  if (!code) return false;
  const takenElsewhere = sql`exists (select 1 from ${coupons} other where other.workspace_id = ${workspaceId}
    and other.stripe_promotion_code_id = ${promotionCode.id} and other.code <> ${code})`;
  const rows = await db
    .update(coupons)
    .set({ stripePromotionCodeId: promotionCode.id })
    .where(and(
      eq(coupons.workspaceId, workspaceId), eq(coupons.code, code), sql`not ${takenElsewhere}`,
      promotionCode.active ? or(isNull(coupons.stripePromotionCodeId), ne(coupons.stripePromotionCodeId, promotionCode.id)) : isNull(coupons.stripePromotionCodeId),
    ))
    .returning({ id: coupons.id });
  return rows.length > 0;
}

/** The coupon codes of these promotion code ids (ids no coupon carries are absent). */
export async function couponCodesByPromotionCode(db: Executor, workspaceId: string, promotionCodeIds: string[]): Promise<Map<string, string>> {
  if (promotionCodeIds.length === 0) return new Map();
  const rows = await db
    .select({ id: coupons.stripePromotionCodeId, code: coupons.code })
    .from(coupons)
    .where(and(eq(coupons.workspaceId, workspaceId), inArray(coupons.stripePromotionCodeId, promotionCodeIds)));
  return new Map(rows.map((r) => [r.id!, r.code]));
}
