import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { coupons, enrollments, programs } from '../schema';
import type { PortalLinkScope } from './portal-links-stats';

export interface PortalCouponRow {
  id: string;
  code: string;
  disabled: boolean;
  createdAt: Date;
  /** the program the merchant issued it in */
  programName: string;
  programArchived: boolean;
  /** orders credited to this partner that carried the code (or its Stripe promotion code id) */
  orders: number;
}

/**
 * The coupons the merchant assigned to this partner record, only those. Orders are counted among
 * the orders that credited the partner (order_credits, on its (workspace, ...) indexes) rather than
 * by scanning every order of the workspace: what a coupon earned the partner is what it asks.
 * Stored codes are upper-case and storefronts send any case; Stripe sends promotion code ids.
 */
export async function listPortalCoupons(db: Executor, scope: PortalLinkScope): Promise<PortalCouponRow[]> {
  const w = scope.workspaceId;
  const p = scope.partnerId;
  const rows = await db
    .select({
      id: coupons.id,
      code: coupons.code,
      disabled: coupons.disabled,
      createdAt: coupons.createdAt,
      programName: programs.name,
      programArchived: sql<boolean>`${programs.status} = 'archived'`,
      orders: sql<number>`(
        select count(distinct e.id)
        from order_credits oc
        join events e on e.id = oc.event_id and e.workspace_id = oc.workspace_id
        where oc.workspace_id = ${w} and oc.partner_id = ${p}
          and exists (
            select 1 from jsonb_array_elements_text(coalesce(e.payload->'data'->'coupons', '[]'::jsonb)) as used(code)
            where upper(used.code) = "coupons"."code" or used.code = "coupons"."stripe_promotion_code_id"
          )
      )`.mapWith(Number),
    })
    .from(coupons)
    .innerJoin(programs, eq(programs.id, coupons.programId))
    .where(and(eq(coupons.workspaceId, w), eq(coupons.partnerId, p)))
    .orderBy(asc(coupons.code));
  return rows;
}

/** The programs a coupon of this partner counts in: every one it is approved in and that is active. */
export async function programsCouponsCountIn(db: Executor, scope: PortalLinkScope): Promise<string[]> {
  const rows = await db
    .select({ name: programs.name })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(and(
      eq(enrollments.workspaceId, scope.workspaceId), eq(enrollments.partnerId, scope.partnerId),
      eq(enrollments.status, 'approved'), eq(programs.status, 'active'),
    ))
    .orderBy(asc(programs.name));
  return rows.map((r) => r.name);
}
