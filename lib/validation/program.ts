import { z } from 'zod';
import { PARTNER_CATEGORIES } from '../domain/programs';
import { approvalModeSchema, attributionModelSchema, couponPrecedenceSchema, programStatusSchema, ruleTypeSchema } from './enums';

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
    durationMonths: z
      .number({ error: 'must be a whole number of months' })
      .int('must be a whole number of months')
      .positive('must be at least 1 month')
      .nullable()
      .default(null),
  }),
  z.object({ type: z.literal('per_customer'), amount: nonNegativeDecimalString }),
  z.object({ type: z.literal('per_order'), amount: nonNegativeDecimalString }),
  z.object({ type: z.literal('milestone'), name: z.string().trim().min(1, 'name the milestone').max(100), amount: nonNegativeDecimalString }),
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

// ---- the console's editors (program page, a partner's special terms) ----

/** A list posted as JSON in one hidden field; a malformed one is a field error, never a crash. */
const jsonField = <S extends z.ZodType>(schema: S, what: string) =>
  z
    .string({ error: `${what} are missing` })
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${what} could not be read; reload the page` });
        return z.NEVER;
      }
    })
    .pipe(schema);

/**
 * Rules as the console edits them: the engine's rewardRulesSchema, plus what makes sense to a
 * merchant: at least one rule, percentages up to 100, milestone names used once.
 */
export const editableRulesSchema = rewardRulesSchema.min(1, 'add at least one reward rule').superRefine((rules, ctx) => {
  const milestones = new Set<string>();
  rules.forEach((rule, i) => {
    if ((rule.type === 'one_time_share' || rule.type === 'recurring_share') && Number(rule.percent) > 100) {
      ctx.addIssue({ code: 'custom', path: [i, 'percent'], message: 'a percentage must be at most 100' });
    }
    if (rule.type === 'milestone') {
      if (milestones.has(rule.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'another rule already pays this milestone' });
      milestones.add(rule.name);
    }
  });
});

const scopeValues = z.array(z.string().trim().min(1).max(200)).max(200, 'at most 200 values per list');
const scopeSide = z.object({ products: scopeValues.default([]), plans: scopeValues.default([]), categories: scopeValues.default([]) });
/** The scope editor's lists, de-duplicated; empty lists are dropped so the stored scope stays small. */
export const editableScopeSchema = z.object({ include: scopeSide.default({ products: [], plans: [], categories: [] }), exclude: scopeSide.default({ products: [], plans: [], categories: [] }) }).transform((scope) => {
  const side = (s: z.infer<typeof scopeSide>) => {
    const out: { products?: string[]; plans?: string[]; categories?: string[] } = {};
    for (const key of ['products', 'plans', 'categories'] as const) {
      const values = [...new Set(s[key])];
      if (values.length) out[key] = values;
    }
    return out;
  };
  return { include: side(scope.include), exclude: side(scope.exclude) } satisfies ProgramScope;
});

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const uuidField = z.string().uuid('is not a valid id');

/** The program page's form: every term a program has, rules and scope as JSON from the editors. */
export const programTermsFormSchema = z.object({
  programId: uuidField,
  /** the version the form was opened on: saving over someone else's newer change is refused */
  baseVersion: z.coerce.number().int().positive(),
  name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
  description: z.string().trim().max(500, 'must be at most 500 characters').optional().default(''),
  terms: z.string().trim().max(10_000, 'must be at most 10,000 characters').optional().default(''),
  category: z.enum(PARTNER_CATEGORIES, { error: 'pick a partner category' }),
  unit: z.string().trim().min(1, 'is required').max(32),
  model: attributionModelSchema,
  windowDays: formInt(0, 3650),
  couponPrecedence: couponPrecedenceSchema,
  holdDays: formInt(0, 365),
  approvalMode: approvalModeSchema,
  joinPageEnabled: checkbox,
  rules: jsonField(editableRulesSchema, 'The reward rules'),
  scope: jsonField(editableScopeSchema, 'The scope lists'),
});
export type ProgramTermsForm = z.infer<typeof programTermsFormSchema>;

export const programStatusFormSchema = z.object({ programId: uuidField, status: programStatusSchema });

/** A partner's special terms: follow the program (rules null) or its own rules. */
export const enrollmentTermsFormSchema = z
  .object({
    enrollmentId: uuidField,
    mode: z.enum(['program', 'special'], { error: 'choose the program’s rules or special terms' }),
    rules: z.string().optional(),
  })
  .transform((v, ctx) => {
    if (v.mode === 'program') return { enrollmentId: v.enrollmentId, rules: null };
    const parsed = jsonField(editableRulesSchema, 'The reward rules').safeParse(v.rules);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['rules', ...issue.path], message: issue.message });
      return z.NEVER;
    }
    return { enrollmentId: v.enrollmentId, rules: parsed.data };
  });
export type EnrollmentTermsForm = z.infer<typeof enrollmentTermsFormSchema>;
