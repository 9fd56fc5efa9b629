import { z } from 'zod';
import { findApiCoupon, listApiCoupons, type ApiCouponRow } from '../../../db/queries/api/coupons';
import { AppError } from '../../errors';
import { withApiFieldNames } from '../field-names';
import { createCoupon as createPartnerCoupon, setCouponDisabled } from '../../server/coupons';
import { couponCodeSchema, couponFormSchema } from '../../validation/coupons';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { booleanParam } from './links';
import { idParams } from './fields';

// Coupons over the REST API, through the console's service (lib/server/coupons.ts) and the
// console form's field rules (couponFormSchema): a code is 3–40 letters, digits, `-` or `_`,
// upper-cased and unique per workspace; the partner must be approved in the active program; an
// optional Stripe promotion code id is unique per workspace. Every change is audited with the key.

const TAG = 'Coupons';
const ID = idParams('The coupon’s id.');

export const couponSchema = z
  .object({
    id: z.string().meta({ description: 'The coupon’s id.' }),
    object: z.literal('coupon'),
    code: z.string().meta({ description: 'The code shoppers type, upper-cased; storefronts may send it in any case.', example: 'ANA10' }),
    partner_id: z.string(),
    program_id: z.string(),
    stripe_promotion_code_id: z.string().nullable().meta({ description: 'The Stripe promotion code (promo_…) Stripe’s webhooks name instead of the code.', example: 'promo_1AbCdEf' }),
    disabled: z.boolean().meta({ description: 'A disabled coupon credits nobody on orders received from then on.' }),
    created_at: z.string().meta({ description: 'When the coupon was made (ISO 8601, UTC).', example: '2026-01-05T10:00:00.000Z' }),
  })
  .meta({ id: 'Coupon' });

function couponObject(row: ApiCouponRow): z.input<typeof couponSchema> {
  return {
    id: row.id,
    object: 'coupon',
    code: row.code,
    partner_id: row.partnerId,
    program_id: row.programId,
    stripe_promotion_code_id: row.stripePromotionCodeId,
    disabled: row.disabled,
    created_at: row.createdAt.toISOString(),
  };
}

async function couponOf(db: Parameters<typeof findApiCoupon>[0], workspaceId: string, couponId: string) {
  const row = await findApiCoupon(db, workspaceId, couponId);
  if (!row) throw new AppError('not_found', 'No such coupon.');
  return couponObject(row);
}

export const listCoupons = defineEndpoint({
  method: 'get',
  path: '/coupons',
  operationId: 'listCoupons',
  summary: 'List coupons',
  description: 'The workspace’s coupons, newest first.',
  tag: TAG,
  access: 'read',
  query: z.object({
    ...pageQuery,
    partner_id: z.uuid().optional().meta({ description: 'Only this partner’s coupons.' }),
    program_id: z.uuid().optional().meta({ description: 'Only coupons in this program.' }),
    disabled: booleanParam.optional().meta({ description: '`true` for disabled coupons only, `false` for live ones only.' }),
    code: couponCodeSchema.optional().meta({ description: 'The coupon with this code (any case).', example: 'ANA10' }),
  }),
  response: listOf(couponSchema, 'CouponList'),
  handle: async ({ caller, db, query }) => {
    const rows = await listApiCoupons(db, caller.scope.workspaceId, {
      partnerId: query.partner_id, programId: query.program_id, disabled: query.disabled, code: query.code, limit: query.limit, startingAfter: query.starting_after,
    });
    return pageOf(rows, query.limit, couponObject);
  },
});

export const getCoupon = defineEndpoint({
  method: 'get',
  path: '/coupons/{id}',
  operationId: 'getCoupon',
  summary: 'Get a coupon',
  tag: TAG,
  access: 'read',
  params: ID,
  response: couponSchema,
  handle: ({ caller, db, params }) => couponOf(db, caller.scope.workspaceId, params.id),
});

// the console form's own field schemas, under the API's snake_case names
const form = couponFormSchema.shape;
const createCouponBody = z.object({
  partner_id: form.partnerId.meta({ description: 'The partner the coupon credits.' }),
  program_id: form.programId.meta({ description: 'A program the partner is approved in; it must be active.' }),
  code: form.code.meta({ description: '3–40 letters, digits, dashes or underscores; stored upper-cased, unique in the workspace.', example: 'ANA10' }),
  stripe_promotion_code_id: form.stripePromotionCodeId.meta({
    description: 'Optional: the Stripe promotion code (promo_…) for this coupon, unique in the workspace.',
    example: 'promo_1AbCdEf',
  }),
});

export const createCoupon = defineEndpoint({
  method: 'post',
  path: '/coupons',
  operationId: 'createCoupon',
  summary: 'Create a coupon',
  description: 'A coupon for a partner approved in an active program. A code or Stripe promotion code already in the workspace is a 409 naming the field.',
  tag: TAG,
  access: 'write',
  body: createCouponBody,
  response: couponSchema,
  status: 201,
  example: { partner_id: '6f1c2d3e-0000-4000-8000-000000000001', program_id: '6f1c2d3e-0000-4000-8000-000000000002', code: 'ANA10' },
  handle: async ({ caller, db, body }) => {
    const created = await withApiFieldNames(async () => {
      try {
        return await createPartnerCoupon(db, caller.scope, {
          partnerId: body.partner_id, programId: body.program_id, code: body.code, stripePromotionCodeId: body.stripe_promotion_code_id,
        });
      } catch (err) {
        // the service's only refusal without a field is the partner's
        if (err instanceof AppError && err.code === 'not_found' && !err.fields) throw new AppError('not_found', err.message, { partner_id: 'not found' });
        throw err;
      }
    });
    return couponOf(db, caller.scope.workspaceId, created.id);
  },
});

function switchCoupon(disabled: boolean) {
  const verb = disabled ? 'disable' : 'enable';
  return defineEndpoint({
    method: 'post',
    path: `/coupons/{id}/${verb}`,
    operationId: `${verb}Coupon`,
    summary: disabled ? 'Disable a coupon' : 'Enable a coupon',
    description: disabled
      ? 'From the next order on, the coupon credits nobody. Disabling a disabled coupon changes nothing.'
      : 'The coupon credits its partner again from the next order on. Enabling a live coupon changes nothing.',
    tag: TAG,
    access: 'write',
    params: ID,
    response: couponSchema,
    handle: async ({ caller, db, params }) => {
      await setCouponDisabled(db, caller.scope, params.id, disabled);
      return couponOf(db, caller.scope.workspaceId, params.id);
    },
  });
}

export const disableCoupon = switchCoupon(true);
export const enableCoupon = switchCoupon(false);

export const endpoints: Endpoint[] = [listCoupons, getCoupon, createCoupon, disableCoupon, enableCoupon];
