import { z } from 'zod';
import { PARTNER_CATEGORIES } from '../domain/programs';
import { approvalModeSchema, attributionModelSchema, couponPrecedenceSchema, ruleTypeSchema } from './enums';

// Decimal amounts travel as strings so no float ever touches money.
export const decimalString = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a plain decimal number such as 12.50');
export const positiveDecimalString = decimalString.refine((s) => !s.startsWith('-') && Number(s) > 0, 'must be greater than 0');
export const nonNegativeDecimalString = decimalString.refine((s) => !s.startsWith('-'), 'must not be negative');

export const rewardRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('one_time_share'), percent: nonNegativeDecimalString }),
  z.object({
    type: z.literal('recurring_share'),
    percent: nonNegativeDecimalString,
    durationMonths: z.number().int().positive().nullable().default(null),
  }),
  z.object({ type: z.literal('per_customer'), amount: nonNegativeDecimalString }),
  z.object({ type: z.literal('per_order'), amount: nonNegativeDecimalString }),
  z.object({ type: z.literal('milestone'), name: z.string().trim().min(1).max(100), amount: nonNegativeDecimalString }),
]);
export type RewardRule = z.infer<typeof rewardRuleSchema>;
export const rewardRulesSchema = z.array(rewardRuleSchema).max(20);

const nameList = z.array(z.string().trim().min(1)).default([]);
const scopeListsSchema = z.object({ products: nameList, plans: nameList, categories: nameList }).partial().default({});
export const programScopeSchema = z
  .object({ include: scopeListsSchema, exclude: scopeListsSchema })
  .partial()
  .default({});
export type ProgramScope = z.infer<typeof programScopeSchema>;

/** What a program version records: every term that decides or explains a reward. */
export interface ProgramTermsSnapshot {
  name: string;
  description: string;
  terms: string;
  category: string;
  unit: string;
  rules: RewardRule[];
  scope: ProgramScope;
  model: string;
  windowDays: number;
  couponPrecedence: string;
  holdDays: number;
  approvalMode: string;
  joinPageEnabled: boolean;
}

export const attributionSettingsSchema = z.object({
  model: attributionModelSchema.default('last_touch'),
  windowDays: z.number().int().min(0).max(3650).default(30),
  couponPrecedence: couponPrecedenceSchema.default('override'),
});

const formInt = (min: number, max: number) => z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min).max(max);

/** The console's "new program" form: flat fields, one starting reward rule. */
export const programFormSchema = z
  .object({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(80),
    description: z.string().trim().max(500).optional().default(''),
    category: z.enum(PARTNER_CATEGORIES, { error: 'pick a partner category' }),
    unit: z.string().trim().min(1, 'is required').max(32),
    model: attributionModelSchema.default('last_touch'),
    windowDays: formInt(0, 3650).default(30),
    holdDays: formInt(0, 365).default(30),
    couponPrecedence: couponPrecedenceSchema.default('override'),
    approvalMode: approvalModeSchema.default('manual'),
    ruleType: ruleTypeSchema,
    ruleValue: positiveDecimalString,
    milestoneName: z.string().trim().max(100).optional().default(''),
    durationMonths: z.preprocess((v) => (v === '' ? undefined : v), formInt(1, 600).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.ruleType === 'milestone' && !v.milestoneName) {
      ctx.addIssue({ code: 'custom', path: ['milestoneName'], message: 'is required for a milestone reward' });
    }
    if ((v.ruleType === 'one_time_share' || v.ruleType === 'recurring_share') && Number(v.ruleValue) > 100) {
      ctx.addIssue({ code: 'custom', path: ['ruleValue'], message: 'a percentage must be at most 100' });
    }
  });
export type ProgramForm = z.infer<typeof programFormSchema>;

export function ruleFromForm(f: ProgramForm): RewardRule {
  switch (f.ruleType) {
    case 'one_time_share':
      return { type: 'one_time_share', percent: f.ruleValue };
    case 'recurring_share':
      return { type: 'recurring_share', percent: f.ruleValue, durationMonths: f.durationMonths ?? null };
    case 'per_customer':
      return { type: 'per_customer', amount: f.ruleValue };
    case 'per_order':
      return { type: 'per_order', amount: f.ruleValue };
    case 'milestone':
      return { type: 'milestone', name: f.milestoneName, amount: f.ruleValue };
  }
}
