import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { coupons } from '../../schema';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// The REST API's reads of coupons, newest first, inside one workspace.

const keyset: KeysetColumns = { table: coupons, workspaceId: coupons.workspaceId, time: coupons.createdAt, id: coupons.id };

const apiCouponColumns = {
  id: coupons.id,
  code: coupons.code,
  partnerId: coupons.partnerId,
  programId: coupons.programId,
  stripePromotionCodeId: coupons.stripePromotionCodeId,
  disabled: coupons.disabled,
  createdAt: coupons.createdAt,
};

export type ApiCouponRow = NonNullable<Awaited<ReturnType<typeof findApiCoupon>>>;

export interface ApiCouponFilter {
  partnerId?: string;
  programId?: string;
  disabled?: boolean;
  /** as stored: upper-cased */
  code?: string;
  limit: number;
  startingAfter?: string;
}

/** One page (plus one row, to know whether more follow) of the workspace's coupons. */
export async function listApiCoupons(db: Executor, workspaceId: string, f: ApiCouponFilter) {
  const cursor = await cursorOf(db, keyset, workspaceId, f.startingAfter);
  const where: (SQL | undefined)[] = [eq(coupons.workspaceId, workspaceId), beforeCursor(keyset, cursor)];
  if (f.partnerId) where.push(eq(coupons.partnerId, f.partnerId));
  if (f.programId) where.push(eq(coupons.programId, f.programId));
  if (f.disabled !== undefined) where.push(eq(coupons.disabled, f.disabled));
  if (f.code) where.push(eq(coupons.code, f.code));
  return db.select(apiCouponColumns).from(coupons).where(and(...where)).orderBy(...newestFirst(keyset)).limit(f.limit + 1);
}

export async function findApiCoupon(db: Executor, workspaceId: string, couponId: string) {
  const [row] = await db.select(apiCouponColumns).from(coupons).where(and(eq(coupons.workspaceId, workspaceId), eq(coupons.id, couponId)));
  return row;
}
