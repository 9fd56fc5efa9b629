import { formatAmount, type UnitPrecision } from './format';
import type { ProgramScope, ProgramTermsSnapshot, RewardRule } from './validation/program';
import type { AttributionModel, CouponPrecedence, RuleType } from './domain/programs';

// A program's terms in plain words: the join page, the program page, version history and an
// entry's "Why?" page all say the same thing the same way.

/** What each rule type is called in the editor (the build fails if a type is missing). */
export const ruleTypeLabel = {
  one_time_share: '% of one-time revenue',
  recurring_share: '% of recurring revenue',
  per_customer: 'Fee per new customer',
  per_order: 'Fee per order',
  milestone: 'Fixed amount per milestone',
} satisfies Record<RuleType, string>;

export const modelLabel = {
  last_touch: 'Last touch',
  first_touch: 'First touch',
  equal_split: 'Equal split',
  position_based: 'Position based (40/20/40)',
} satisfies Record<AttributionModel, string>;

export const couponLabel = { override: 'A coupon takes all the credit', touch: 'A coupon is one more touch' } satisfies Record<CouponPrecedence, string>;

/** One rule as a sentence: "10% of qualifying one-time revenue", "25.00 USD for each new customer". */
export function ruleSentence(rule: RewardRule, unit: string, units?: readonly UnitPrecision[]): string {
  const money = (amount: string) => formatAmount(amount, unit, { units });
  switch (rule.type) {
    case 'one_time_share':
      return `${rule.percent}% of qualifying one-time revenue`;
    case 'recurring_share':
      return `${rule.percent}% of qualifying recurring revenue, ${
        rule.durationMonths ? `for ${rule.durationMonths} month${rule.durationMonths === 1 ? '' : 's'} from when the customer was first credited` : 'for as long as the customer pays'
      }`;
    case 'per_customer':
      return `${money(rule.amount)} for each new customer (on their first qualifying order)`;
    case 'per_order':
      return `${money(rule.amount)} for every qualifying order`;
    case 'milestone':
      return `${money(rule.amount)} when a customer reaches \u201c${rule.name}\u201d (once per customer)`;
  }
}

const listWords = (values: string[]) => values.map((v) => `\u201c${v}\u201d`).join(', ');

function scopeSide(side: ProgramScope['include']): string[] {
  const parts: string[] = [];
  if (side?.products?.length) parts.push(`product${side.products.length === 1 ? '' : 's'} ${listWords(side.products)}`);
  if (side?.plans?.length) parts.push(`plan${side.plans.length === 1 ? '' : 's'} ${listWords(side.plans)}`);
  if (side?.categories?.length) parts.push(`categor${side.categories.length === 1 ? 'y' : 'ies'} ${listWords(side.categories)}`);
  return parts;
}

/** Which order lines count, in words (SPEC §4.5: include lists, then exclusions win). */
export function scopeSentences(scope: ProgramScope | undefined): string[] {
  const include = scopeSide(scope?.include);
  const exclude = scopeSide(scope?.exclude);
  return [
    include.length ? `Only order lines of ${include.join(' or ')} count.` : 'Every product and plan counts.',
    ...(exclude.length ? [`Lines of ${exclude.join(' or ')} never count.`] : []),
  ];
}

const modelWords: Record<AttributionModel, string> = {
  last_touch: 'the last partner who referred the customer gets the credit',
  first_touch: 'the first partner who referred the customer gets the credit',
  equal_split: 'every partner who referred the customer shares the credit equally',
  position_based: 'the first and the last referrer get 40% each and those in between share 20%',
};

type PlainTerms = Pick<ProgramTermsSnapshot, 'model' | 'windowDays' | 'couponPrecedence' | 'holdDays' | 'approvalMode'>;

/** How a program credits and pays, for partners deciding whether to join. */
export function attributionSentences(p: PlainTerms): string[] {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  return [
    `A click on your link counts for ${days(p.windowDays)}; if several partners referred the customer, ${modelWords[p.model as AttributionModel] ?? p.model}.`,
    p.couponPrecedence === 'override'
      ? 'Your coupon on an order gives you the whole credit, whoever else referred the customer.'
      : 'Your coupon on an order counts as a referral at the time of the order.',
    'Once a customer is credited to a partner, their later orders are credited the same way.',
    p.holdDays === 0 ? 'Rewards are payable at once.' : `Rewards become payable ${days(p.holdDays)} after the order (the refund window); refunds reduce them.`,
    p.approvalMode === 'auto' ? 'Applications are approved at once.' : 'The team reviews each application.',
  ];
}

/** What changed from one version of the terms to the next, one line per change. */
export function describeTermsChanges(before: ProgramTermsSnapshot, after: ProgramTermsSnapshot, units?: readonly UnitPrecision[]): string[] {
  const changes: string[] = [];
  const field = (label: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push(`${label}: ${String(a)} \u2192 ${String(b)}`);
  };
  field('Name', before.name, after.name);
  field('Category', before.category, after.category);
  field('Unit', before.unit, after.unit);
  field('Attribution', modelLabel[before.model as AttributionModel] ?? before.model, modelLabel[after.model as AttributionModel] ?? after.model);
  field('Window (days)', before.windowDays, after.windowDays);
  field('Coupons', couponLabel[before.couponPrecedence as CouponPrecedence] ?? before.couponPrecedence, couponLabel[after.couponPrecedence as CouponPrecedence] ?? after.couponPrecedence);
  field('Hold (days)', before.holdDays, after.holdDays);
  field('Approval', before.approvalMode, after.approvalMode);
  field('Join page', before.joinPageEnabled ? 'on' : 'off', after.joinPageEnabled ? 'on' : 'off');
  if (before.description !== after.description) changes.push('Description edited');
  if (before.terms !== after.terms) changes.push('Public terms text edited');
  const rulesBefore = before.rules.map((r) => ruleSentence(r, before.unit, units));
  const rulesAfter = after.rules.map((r) => ruleSentence(r, after.unit, units));
  const count = Math.max(rulesBefore.length, rulesAfter.length);
  for (let i = 0; i < count; i++) {
    if (rulesBefore[i] === rulesAfter[i]) continue;
    if (rulesBefore[i] === undefined) changes.push(`Rule ${i + 1} added: ${rulesAfter[i]}`);
    else if (rulesAfter[i] === undefined) changes.push(`Rule ${i + 1} removed: ${rulesBefore[i]}`);
    else changes.push(`Rule ${i + 1}: ${rulesBefore[i]} \u2192 ${rulesAfter[i]}`);
  }
  const scopeBefore = scopeSentences(before.scope).join(' ');
  const scopeAfter = scopeSentences(after.scope).join(' ');
  if (scopeBefore !== scopeAfter) changes.push(`Scope: ${scopeAfter}`);
  return changes;
}
