import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * A coupon code as merchants type it: 3–40 letters, digits, dashes or underscores, compared without
 * case (stored upper-cased, as the engine looks codes up).
 */
export const couponCodeSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, dashes and underscores only')
  .transform((s) => s.toUpperCase());

/** A Stripe promotion code id (promo_…), as Stripe's webhooks name the code a shopper used. */
export const stripePromotionCodeIdSchema = z
  .string()
  .trim()
  .max(255, 'must be at most 255 characters')
  .regex(/^promo_[A-Za-z0-9]+$/, 'must be a Stripe promotion code id such as promo_1AbC…');

/** The console's "new coupon" form on a partner's page. */
export const couponFormSchema = z.object({
  partnerId: z.string().uuid('is not a valid id'),
  programId: z.string({ error: 'choose a program' }).uuid('choose a program'),
  code: couponCodeSchema,
  stripePromotionCodeId: z.preprocess(blankToUndefined, stripePromotionCodeIdSchema.optional()).transform((s) => s ?? null),
});
export type CouponForm = z.infer<typeof couponFormSchema>;

/** Disable a coupon (it no longer credits anyone from the next order on) or enable it again. */
export const couponToggleSchema = z.object({
  couponId: z.string().uuid('is not a valid id'),
  disabled: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true'),
});
