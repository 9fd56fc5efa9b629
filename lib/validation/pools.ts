import { z } from 'zod';
import { POOL_METRICS, POOL_PERIODS } from '../domain/pools';
import { nonNegativeDecimalString, positiveDecimalString } from './program';
import { programIdListSchema } from './groups';

const bounded = (s: string) => s.replace(/^-/, '').split('.')[0].length <= 15;

const poolFields = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
  /** a currency code (ISO 4217) or one of the workspace's custom units; the service checks which */
  unit: z.string().trim().min(1, 'is required').max(32),
  /** bonus shared per period, in the pool's unit */
  amount: positiveDecimalString.refine(bounded, 'is too large'),
  period: z.enum(POOL_PERIODS, { error: 'pick quarter or year' }),
  metric: z.enum(POOL_METRICS, { error: 'pick revenue or new customers' }),
  /** partners strictly above it qualify: base-currency revenue, or a number of customers */
  goal: nonNegativeDecimalString.refine(bounded, 'is too large'),
  programIds: programIdListSchema.pipe(z.array(z.string()).min(1, 'pick at least one program')),
});

const wholeCustomerGoal = (v: { metric: string; goal: string }, ctx: z.RefinementCtx) => {
  if (v.metric === 'customers' && v.goal.includes('.') && !/\.0+$/.test(v.goal)) {
    ctx.addIssue({ code: 'custom', path: ['goal'], message: 'must be a whole number of customers' });
  }
};

/** A performance pool (SPEC §6): what the console's form, the services and tests all parse. */
export const poolConfigSchema = poolFields.superRefine(wholeCustomerGoal);
export type PoolConfigInput = z.infer<typeof poolConfigSchema>;

export const poolUpdateSchema = poolFields.extend({ poolId: z.string().uuid('is not a valid id') }).superRefine(wholeCustomerGoal);
export type PoolUpdateInput = z.infer<typeof poolUpdateSchema>;

/** "2026-Q1" for a quarter, "2026" for a year (UTC calendar periods). */
export const poolPeriodKeySchema = z.string().trim().regex(/^\d{4}(-Q[1-4])?$/, 'must look like 2026-Q1 or 2026');

export const closePoolSchema = z.object({
  poolId: z.string().uuid('is not a valid id'),
  period: poolPeriodKeySchema,
  /** the preview's fingerprint: closing refuses when the figures changed since it was shown */
  preview: z.string().trim().max(64).optional().transform((v) => v || undefined),
});
