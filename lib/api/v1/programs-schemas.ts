import { z } from 'zod';
import {
  attributionSettingsSchema, editableRulesSchema, editableScopeSchema, programTermsFormSchema, rewardRuleSchema,
} from '../../validation/program';
import { approvalModeSchema, attributionModelSchema, couponPrecedenceSchema, partnerCategorySchema, programStatusSchema } from '../../validation/enums';
import type { ProgramWithGroup } from '../../../db/queries/api/programs';
import type { ProgramTerms } from '../../server/program-terms';

// A program as the REST API reads and writes it. The fields are the program page's (snake_case),
// validated by the console's own schemas: the rules by editableRulesSchema (the engine's reward
// rules, as the scenario runner writes them, plus at least one rule, percentages up to 100 and each
// milestone paid once) and the scope by editableScopeSchema.

const form = programTermsFormSchema.shape;
const attribution = attributionSettingsSchema.shape;

/**
 * Refuses an unknown key by its name: a misspelt `window_day` must not silently become the default
 * 30. (zod's strict objects report unknown keys without a path, so the error could not name it.)
 */
export function objectOfOnly<S extends z.ZodRawShape>(shape: S) {
  const known = new Set(Object.keys(shape));
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'is not a field of this object' });
    })
    .meta({ override: { additionalProperties: false } });
}

const field = {
  name: form.name.meta({ description: 'Shown to partners in the portal and on the join page.', example: 'SaaS referrals' }),
  description: form.description.removeDefault().meta({ description: 'One or two sentences about the program.' }),
  public_terms: form.terms.removeDefault().meta({ description: "The join page's own terms, shown next to the rules in plain words." }),
  category: form.category.meta({ description: 'The kind of partner the program is for.', example: 'referral' }),
  unit: form.unit.meta({
    description: 'What rewards are paid in: a currency code with an FX rate to the base currency in force, or the key of a custom unit.',
    example: 'USD',
  }),
  model: attributionModelSchema.meta({ description: "How a customer's touches share the credit." }),
  window_days: attribution.windowDays.removeDefault().meta({ description: 'How long a touch counts, in days.', example: 60 }),
  coupon_precedence: couponPrecedenceSchema.meta({ description: '`override`: a partner coupon takes all the credit; `touch`: it is one more touch.' }),
  hold_days: z.number({ error: 'must be a whole number of days' }).int('must be a whole number of days').min(0).max(365)
    .meta({ description: 'Days a reward stays pending (refunds reverse it) before it becomes payable.', example: 0 }),
  approval_mode: approvalModeSchema.meta({ description: '`auto` approves applications at once; `manual` waits for the merchant.' }),
  join_page_enabled: z.boolean().meta({ description: 'Whether the public join page accepts applications.' }),
  rules: editableRulesSchema.meta({
    description:
      'The reward rules, all of which apply: `one_time_share` and `recurring_share` (`percent` of the qualifying amount; `durationMonths` limits recurring rewards, null for no limit), ' +
      '`per_customer` and `per_order` (a fixed `amount` in the unit), `milestone` (`amount` when the named milestone is reported). Amounts are decimal strings.',
    example: [{ type: 'per_customer', amount: '50.00' }, { type: 'recurring_share', percent: '20', durationMonths: 3 }],
  }),
  scope: editableScopeSchema.meta({
    description: 'Which order lines count: lines matching an `include` list (all lines when every include list is empty) and no `exclude` list, by product, plan or category.',
    example: { include: { categories: ['subscription'] }, exclude: {} },
  }),
};

export const createProgramBody = objectOfOnly({
  name: field.name,
  description: field.description.default(''),
  public_terms: field.public_terms.default(''),
  category: field.category,
  unit: field.unit,
  model: field.model.default('last_touch'),
  window_days: field.window_days.default(30),
  coupon_precedence: field.coupon_precedence.default('override'),
  hold_days: field.hold_days.default(30),
  approval_mode: field.approval_mode.default('manual'),
  join_page_enabled: field.join_page_enabled.default(true),
  rules: field.rules,
  scope: field.scope.default({ include: {}, exclude: {} }),
}).meta({ id: 'ProgramCreate' });

export const updateProgramBody = objectOfOnly({
  name: field.name.optional(),
  description: field.description,
  public_terms: field.public_terms,
  category: field.category.optional(),
  unit: field.unit.optional(),
  model: field.model.optional(),
  window_days: field.window_days.optional(),
  coupon_precedence: field.coupon_precedence.optional(),
  hold_days: field.hold_days.optional(),
  approval_mode: field.approval_mode.optional(),
  join_page_enabled: field.join_page_enabled.optional(),
  rules: field.rules.optional(),
  scope: field.scope.optional(),
  status: programStatusSchema.optional().meta({ description: '`archived` stops attribution and new applications (entries already written are paid as usual); `active` restores.' }),
  version: z.number().int().positive().optional().meta({
    description: 'The terms version you last read. When given, the change is refused with 409 if the terms have changed since.',
    example: 1,
  }),
}).meta({ id: 'ProgramUpdate' });

type CreateBody = z.output<typeof createProgramBody>;
type UpdateBody = z.output<typeof updateProgramBody>;

/** The service's terms from the API's names. */
export function termsOfCreate(b: CreateBody): ProgramTerms {
  return {
    name: b.name, description: b.description, terms: b.public_terms, category: b.category, unit: b.unit, rules: b.rules, scope: b.scope,
    model: b.model, windowDays: b.window_days, couponPrecedence: b.coupon_precedence, holdDays: b.hold_days, approvalMode: b.approval_mode,
    joinPageEnabled: b.join_page_enabled,
  };
}

/** Only the terms the request names: the rest stay as stored. */
export function termsOfUpdate(b: UpdateBody): Partial<ProgramTerms> {
  const terms: Partial<ProgramTerms> = {
    name: b.name, description: b.description, terms: b.public_terms, category: b.category, unit: b.unit, rules: b.rules, scope: b.scope,
    model: b.model, windowDays: b.window_days, couponPrecedence: b.coupon_precedence, holdDays: b.hold_days, approvalMode: b.approval_mode,
    joinPageEnabled: b.join_page_enabled,
  };
  return Object.fromEntries(Object.entries(terms).filter(([, v]) => v !== undefined));
}

const scopeList = z.array(z.string());
const scopeSide = z.object({ products: scopeList, plans: scopeList, categories: scopeList });

export const programSchema = z
  .object({
    id: z.uuid(),
    object: z.literal('program'),
    name: z.string(),
    slug: z.string().meta({ description: 'The join page is /join/<workspace>/<slug>.' }),
    description: z.string(),
    public_terms: z.string(),
    category: partnerCategorySchema,
    status: programStatusSchema,
    unit: z.string(),
    model: attributionModelSchema,
    window_days: z.number().int(),
    coupon_precedence: couponPrecedenceSchema,
    hold_days: z.number().int(),
    approval_mode: approvalModeSchema,
    join_page_enabled: z.boolean(),
    rules: z.array(rewardRuleSchema),
    scope: z.object({ include: scopeSide, exclude: scopeSide }),
    version: z.number().int().meta({ description: 'The version of the terms in force; every change of terms adds one. Entries name the version they were computed with.' }),
    group: z
      .object({ id: z.uuid(), name: z.string(), rank: z.number().int().meta({ description: '1 = top tier.' }) })
      .nullable()
      .meta({ description: 'The program group this program is a tier of, if any (a program is in at most one).' }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Program' });

const side = (s: { products?: string[]; plans?: string[]; categories?: string[] } | undefined) => ({
  products: s?.products ?? [], plans: s?.plans ?? [], categories: s?.categories ?? [],
});

export function renderProgram(row: ProgramWithGroup): z.input<typeof programSchema> {
  const p = row.program;
  return {
    id: p.id, object: 'program', name: p.name, slug: p.slug, description: p.description, public_terms: p.terms, category: p.category, status: p.status,
    unit: p.unit, model: p.model, window_days: p.windowDays, coupon_precedence: p.couponPrecedence, hold_days: p.holdDays, approval_mode: p.approvalMode,
    join_page_enabled: p.joinPageEnabled, rules: p.rules, scope: { include: side(p.scope.include), exclude: side(p.scope.exclude) }, version: p.version,
    group: row.groupId && row.groupName && row.groupRank != null ? { id: row.groupId, name: row.groupName, rank: row.groupRank } : null,
    created_at: p.createdAt.toISOString(),
  };
}
