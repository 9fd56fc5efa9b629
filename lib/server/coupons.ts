import 'server-only';
import type { Database } from '../../db/client';
import { findCouponHolder, findEnrollmentForCoupon, insertCoupon, partnerExists, updateCouponDisabled } from '../../db/queries/coupons';
import { AppError } from '../errors';
import type { CouponForm } from '../validation/coupons';
import type { MerchantScope } from './scope';

/**
 * A coupon for a partner in one of its approved enrollments in an active program. The code (already
 * upper-cased by the schema) and the optional Stripe promotion code id are unique per workspace:
 * the unique indexes decide, and a refused insert is then explained field by field.
 */
export async function createCoupon(db: Database, scope: MerchantScope, input: CouponForm): Promise<{ id: string; code: string; programName: string }> {
  const { workspaceId } = scope;
  if (!(await partnerExists(db, workspaceId, input.partnerId))) throw new AppError('not_found', 'Partner not found.');
  const enrollment = await findEnrollmentForCoupon(db, workspaceId, input.partnerId, input.programId);
  if (!enrollment) throw new AppError('not_found', 'Program not found.', { programId: 'not found among this partner’s programs' });
  if (enrollment.status !== 'approved' || enrollment.programStatus !== 'active') {
    throw new AppError('invalid_input', 'Coupons can be given only in programs where the partner is approved and which are active.', {
      programId: 'the partner is not approved in this active program',
    });
  }
  const row = await insertCoupon(db, { workspaceId, partnerId: input.partnerId, programId: input.programId, code: input.code, stripePromotionCodeId: input.stripePromotionCodeId });
  if (row) return { id: row.id, code: input.code, programName: enrollment.programName };

  const byCode = await findCouponHolder(db, workspaceId, { code: input.code });
  if (byCode) throw new AppError('conflict', `The code ${input.code} is already used in this workspace (${byCode.partnerName}).`, { code: 'is already used in this workspace' });
  const byPromotion = input.stripePromotionCodeId ? await findCouponHolder(db, workspaceId, { stripePromotionCodeId: input.stripePromotionCodeId }) : undefined;
  if (byPromotion) {
    throw new AppError('conflict', `This Stripe promotion code is already on coupon ${byPromotion.code}.`, { stripePromotionCodeId: `is already on coupon ${byPromotion.code}` });
  }
  // the holder went away between the insert and the look-up: a retry will succeed
  throw new AppError('conflict', 'The coupon could not be saved; try again.');
}

/** A disabled coupon no longer credits its partner on orders received from now on. */
export async function setCouponDisabled(db: Database, scope: MerchantScope, couponId: string, disabled: boolean) {
  const row = await updateCouponDisabled(db, scope.workspaceId, couponId, disabled);
  if (!row) throw new AppError('not_found', 'Coupon not found.');
  return row;
}
