import type { AttributionModel, GroupStrategy } from '../domain/programs';
import type { PoolMetric } from '../domain/pools';
import type { RefusalReason, SignalKind } from '../engine';
import type { Json } from '../engine';
import { rewardRuleSchema } from '../validation/program';
import { ruleSentence } from '../format-terms';
import { exact, number, str } from './words';

// The domain's codes in plain words. Each map is typed by its list, so a new refusal reason,
// signal, model or strategy fails the build until it has words here.

export const REFUSAL_WORDS: Record<RefusalReason, string> = {
  self_referral: 'self-referral: the customer’s email is the partner’s own',
  not_approved: 'the partner was not approved in this program at the time',
  outside_window: 'outside the program’s attribution window',
  bot: 'the click came from a bot',
  duplicate_click: 'a repeat click by the same visitor on the same link within an hour counts once',
  unknown_code: 'no active code like this exists in the workspace',
  deal_expired: 'the deal registration had expired',
  deal_not_approved: 'the deal registration was not approved',
};

export function refusalWords(reason: Json | undefined): string {
  const code = str(reason) ?? '';
  return (REFUSAL_WORDS as Record<string, string>)[code] ?? code.replaceAll('_', ' ');
}

const SIGNAL_WORDS: Record<SignalKind, (ref: string) => string> = {
  click: (ref) => `Click ${ref}`,
  partner_code: (ref) => `Partner code “${ref}”`,
  coupon: (ref) => `Coupon “${ref}”`,
  deal: () => 'Deal registration',
};

export function signalWords(kind: Json | undefined, ref: Json | undefined): string {
  const k = str(kind) ?? '';
  const r = str(ref) ?? '';
  return (SIGNAL_WORDS as Record<string, (ref: string) => string>)[k]?.(r) ?? `${k.replaceAll('_', ' ')} ${r}`.trim();
}

export const MODEL_WORDS: Record<AttributionModel | 'coupon_override', string> = {
  first_touch: 'first touch: the partner of the first touch gets all the credit',
  last_touch: 'last touch: the partner of the last touch gets all the credit',
  equal_split: 'equal split: every partner with a touch gets an equal share',
  position_based: 'position based: 40% to the first touch, 40% to the last, 20% shared by the touches between (two touches: half each)',
  coupon_override: 'coupon override: the partners of the coupons on the order get all the credit, split equally if there are several',
};

export function modelWords(model: Json | undefined): string {
  const m = str(model) ?? '';
  return (MODEL_WORDS as Record<string, string>)[m] ?? m.replaceAll('_', ' ');
}

export const STRATEGY_WORDS: Record<GroupStrategy, string> = {
  highest_rank: 'the best-ranked program pays (rank 1 is the top tier)',
  highest_reward: 'the program whose reward to the partner is larger (in the base currency) pays; a tie goes to the better rank',
};

export function strategyWords(strategy: Json | undefined): string {
  const s = str(strategy) ?? '';
  return (STRATEGY_WORDS as Record<string, string>)[s] ?? s.replaceAll('_', ' ');
}

export const METRIC_WORDS: Record<PoolMetric, string> = {
  revenue: 'revenue credited to each partner in the member programs (in the base currency, their share of qualifying revenue), minus the refunded part for refunds in the period; an order counted in several member programs counts once, with its largest amount',
  customers: 'customers newly bound to each partner in a member program during the period',
};

export function metricWords(metric: Json | undefined): string {
  const m = str(metric) ?? '';
  return (METRIC_WORDS as Record<string, string>)[m] ?? m;
}

/**
 * A reward rule as a sentence fragment ("10% of qualifying one-time revenue"), worded like the
 * program page and the join page (lib/format-terms). An explanation stores the rule as it was.
 */
export function ruleWords(rule: { [key: string]: Json } | undefined, unit?: string): string {
  const parsed = rewardRuleSchema.safeParse(rule);
  if (parsed.success) return ruleSentence(parsed.data, unit ?? '');
  return str(rule?.type)?.replaceAll('_', ' ') ?? 'an unknown rule';
}

/**
 * What a rule was applied to, from the engine's note ("revenue 120.5", "per_customer_used",
 * "duration_ended 2026-06-01T00:00:00.000Z").
 */
export function appliedToWords(note: Json | undefined, unit?: string): string {
  const text = str(note) ?? '';
  const [code, ...rest] = text.split(' ');
  const arg = rest.join(' ');
  switch (code) {
    case 'revenue':
      return `applied to ${exact(arg, unit)} of revenue`;
    case 'first_qualifying_order':
      return 'this is the customer’s first qualifying order in the program';
    case 'qualifying_order':
      return 'the order has a qualifying line';
    case 'milestone':
      return `the milestone “${arg}” was reached for the first time`;
    default:
      return text ? text.replaceAll('_', ' ') : '';
  }
}

export { number };
