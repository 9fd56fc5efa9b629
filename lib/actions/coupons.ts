'use server';

import { revalidatePath } from 'next/cache';
import { createCoupon, setCouponDisabled } from '../server/coupons';
import { couponFormSchema, couponToggleSchema } from '../validation/coupons';
import { merchantAction } from './define';

/** `(workspaceSlug, partnerId, prev, form)`: a coupon for the partner whose page the form is on. */
export const createCouponAction = merchantAction({
  roles: 'manage',
  input: couponFormSchema,
  bound: ['partnerId'],
  run: async ({ scope, input, db }) => {
    const coupon = await createCoupon(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/partners/${input.partnerId}`);
    return { ok: true, message: `Coupon ${coupon.code} created in ${coupon.programName}.` };
  },
});

export const setCouponDisabledAction = merchantAction({
  roles: 'manage',
  input: couponToggleSchema,
  run: async ({ scope, input: { couponId, disabled }, db }) => {
    const coupon = await setCouponDisabled(db, scope, couponId, disabled);
    revalidatePath(`/m/${scope.workspaceSlug}/partners/${coupon.partnerId}`);
    return { ok: true, message: disabled ? `Coupon ${coupon.code} disabled: it no longer credits anyone.` : `Coupon ${coupon.code} enabled.` };
  },
});
