import 'server-only';
import type { Database } from '../../db/client';
import { findCouponHolder, findEnrollmentForCoupon, insertCoupon, lockCoupon, partnerExists, updateCouponDisabled } from '../../db/queries/coupons';
import { recordAudit } from '../../db/queries/audit';
import { AppError } from '../errors';
import type { CouponForm } from '../validation/coupons';
import type { MerchantScope } from './scope';

/**
 * A coupon for a partner in one of its approved enrollments in an active program. The code (already
 * upper-cased by the schema) and the optional Stripe promotion code id are unique per workspace:
 * the unique indexes decide, and a refused insert is then explained field by field. The coupon and
 * its audit row are written in one transaction.
 */
export async function createCoupon(db: Database, scope: MerchantScope, input: CouponForm): Promise<{ id: string; code: string; programName: string }> {
  const { workspaceId } = scope;
  return db.transaction(async (tx) => {
    if (!(await partnerExists(tx, workspaceId, input.partnerId))) throw new AppError('not_found', 'Partner not found.');
    const enrollment = await findEnrollmentForCoupon(tx, workspaceId, input.partnerId, input.programId);
    if (!enrollment) throw new AppError('not_found', 'Program not found.', { programId: 'not found among this partner’s programs' });
    if (enrollment.status !== 'approved' || enrollment.programStatus !== 'active') {
      throw new AppError('invalid_input', 'Coupons can be given only in programs where the partner is approved and which are active.', {
        programId: 'the partner is not approved in this active program',
      });
    }
    const row = await insertCoupon(tx, { workspaceId, partnerId: input.partnerId, programId: input.programId, code: input.code, stripePromotionCodeId: input.stripePromotionCodeId });
    if (row) {
      await recordAudit(tx, {
        workspaceId, actorUserId: scope.userId, action: 'coupon.created', subjectType: 'coupon', subjectId: row.id,
        after: { code: input.code, partnerId: input.partnerId, programId: input.programId, stripePromotionCodeId: input.stripePromotionCodeId, disabled: false },
        data: { name: input.code, partnerId: input.partnerId, programName: enrollment.programName },
      });
      return { id: row.id, code: input.code, programName: enrollment.programName };
    }

    const byCode = await findCouponHolder(tx, workspaceId, { code: input.code });
    if (byCode) throw new AppError('conflict', `The code ${input.code} is already used in this workspace (${byCode.partnerName}).`, { code: 'is already used in this workspace' });
    const byPromotion = input.stripePromotionCodeId ? await findCouponHolder(tx, workspaceId, { stripePromotionCodeId: input.stripePromotionCodeId }) : undefined;
    if (byPromotion) {
      throw new AppError('conflict', `This Stripe promotion code is already on coupon ${byPromotion.code}.`, { stripePromotionCodeId: `is already on coupon ${byPromotion.code}` });
    }
    // the holder went away between the insert and the look-up: a retry will succeed
    throw new AppError('conflict', 'The coupon could not be saved; try again.');
  });
}

/** A disabled coupon no longer credits its partner on orders received from now on. */
export async function setCouponDisabled(db: Database, scope: MerchantScope, couponId: string, disabled: boolean) {
  return db.transaction(async (tx) => {
    const current = await lockCoupon(tx, scope.workspaceId, couponId);
    if (!current) throw new AppError('not_found', 'Coupon not found.');
    const row = (await updateCouponDisabled(tx, scope.workspaceId, couponId, disabled))!;
    if (current.disabled !== disabled) {
      await recordAudit(tx, {
        workspaceId: scope.workspaceId, actorUserId: scope.userId, action: disabled ? 'coupon.disabled' : 'coupon.enabled', subjectType: 'coupon', subjectId: couponId,
        before: { disabled: current.disabled }, after: { disabled }, data: { name: current.code, partnerId: current.partnerId, programId: current.programId },
      });
    }
    return row;
  });
}
