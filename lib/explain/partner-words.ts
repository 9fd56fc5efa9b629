import type { AttributionModel, GroupStrategy } from '../domain/programs';
import type { PoolMetric } from '../domain/pools';
import { addCalendarMonths, Decimal, parseRatio, type Json, type RefusalReason, type SignalKind } from '../engine';
import { maskEmail, unitPrecision } from '../format';
import type { JsonObject } from './types';
import { day, exact, money, str, when } from './words';

// The partner portal's vocabulary: the same facts as the console's words (./domain-words), said to
// the partner about its own reward ("you", "your link"), without the engine's names for things.
// Each map is typed by its domain list, so a new model, strategy, reason or signal fails the build
// until the portal has words for it too.

/** What the merchant's data says about a customer; the portal shows no more than this. */
export interface PartnerCustomer {
  name?: string | null;
  company?: string | null;
  email?: string | null;
}

/** One mask for every email a partner or the console sees masked (lib/format). */
export { maskEmail };

/**
 * The customer as the partner may see it: name and company when the merchant's data has them, else
 * the email, masked unless the workspace chose to show it; null when nothing is known. The
 * merchant's own customer id is never shown (it may be anything, an email included).
 */
export function customerWords(customer: PartnerCustomer | null | undefined, opts: { showEmails?: boolean } = {}): string | null {
  if (!customer) return null;
  const name = customer.name?.trim();
  const company = customer.company?.trim();
  if (name && company) return `${name}, ${company}`;
  if (name || company) return (name || company)!;
  if (customer.email) return opts.showEmails ? customer.email : maskEmail(customer.email);
  return null;
}

/** How the partner's own signal reads: "click on 17 Nov 2026", "your coupon “PAT10” on the order". */
const OWN_SIGNAL_WORDS: Record<SignalKind, (ref: string, at: string | null) => string> = {
  click: (_ref, at) => (at ? `click on ${at}` : 'a click on your link'),
  coupon: (ref) => `your coupon “${ref}” on the order`,
  partner_code: (ref) => `your partner code “${ref}” on the order`,
  deal: (_ref, at) => (at ? `your deal registration of ${at}` : 'your deal registration'),
};

/**
 * One of the partner's own signals (touches and refusals alike); another partner's is never
 * described. `precise` adds the time of day, for lists where two clicks share a date.
 */
export function ownSignalWords(signal: JsonObject, opts: { precise?: boolean } = {}): string {
  const kind = str(signal.kind) ?? '';
  const words = (OWN_SIGNAL_WORDS as Record<string, (ref: string, at: string | null) => string>)[kind];
  const at = typeof signal.at === 'string' ? (opts.precise ? when(signal.at) : day(signal.at)) : null;
  return words ? words(str(signal.ref) ?? '', at) : 'a referral of yours';
}

/** A share of the credit for people: "40%", "about 33.33%" (never an engine fraction like 1/3). */
export function shareWords(value: Json | undefined): string {
  try {
    const r = parseRatio(str(value) ?? '');
    const percent = new Decimal(r.n.toString()).div(r.d.toString()).times(100);
    const shown = percent.toDecimalPlaces(2);
    return `${shown.eq(percent) ? '' : 'about '}${shown.toFixed()}%`;
  } catch {
    return 'a share';
  }
}

/** Why one of the partner's own signals did not count, said to the partner. */
export const OWN_REFUSAL_WORDS: Record<RefusalReason, string> = {
  self_referral: 'the customer’s email is your own, and referring yourself does not count',
  not_approved: 'you were not approved in this program at that time',
  outside_window: 'it was older than the program’s referral window allows',
  bot: 'it looked like an automated visit, not a person',
  duplicate_click: 'the same visitor clicked your link again within the hour, which counts once',
  unknown_code: 'the code was not active at that time',
  deal_expired: 'your deal registration had expired',
  deal_not_approved: 'the merchant had not approved your deal registration',
};

export function ownRefusalWords(reason: Json | undefined): string {
  return (OWN_REFUSAL_WORDS as Record<string, string>)[str(reason) ?? ''] ?? 'it did not meet the program’s terms';
}

/** The headline's "you were the last partner to refer this customer", when the partner alone got the credit. */
export const SOLE_CREDIT_WORDS: Record<AttributionModel | 'coupon_override', string> = {
  last_touch: 'you were the last partner to refer this customer',
  first_touch: 'you were the first partner to refer this customer',
  equal_split: 'you were the only partner to refer this customer',
  position_based: 'you were the only partner to refer this customer',
  coupon_override: 'the customer used your coupon',
};

/** How the program shares credit between partners, in the portal's words. */
export const MODEL_RULE_WORDS: Record<AttributionModel | 'coupon_override', string> = {
  last_touch: 'This program credits the last partner who referred the customer before the order.',
  first_touch: 'This program credits the first partner who referred the customer.',
  equal_split: 'This program shares the credit equally between every partner who referred the customer.',
  position_based: 'This program gives 40% of the credit to the partner who referred the customer first, 40% to the last and 20% to those in between (with two partners, half each).',
  coupon_override: 'A coupon on the order gives its partner all the credit (shared equally when the order carries coupons of several partners).',
};

export function modelRuleWords(model: Json | undefined): string {
  return (MODEL_RULE_WORDS as Record<string, string>)[str(model) ?? ''] ?? 'This program decides who gets credit by its own terms.';
}

export function soleCreditWords(model: Json | undefined): string {
  return (SOLE_CREDIT_WORDS as Record<string, string>)[str(model) ?? ''] ?? 'you referred this customer';
}

/** Which program of a group pays the partner, in the portal's words. */
export const PARTNER_STRATEGY_WORDS: Record<GroupStrategy, string> = {
  highest_rank: 'your best-ranked program pays',
  highest_reward: 'the program with the larger reward for you pays (the better-ranked one on a tie)',
};

export function partnerStrategyWords(strategy: Json | undefined): string {
  return (PARTNER_STRATEGY_WORDS as Record<string, string>)[str(strategy) ?? ''] ?? 'one of your programs pays';
}

/** What a pool counts, said to a partner; `base` is the workspace's base currency. */
export const PARTNER_METRIC_WORDS: Record<PoolMetric, (base: string) => string> = {
  revenue: (base) => `the revenue credited to you in the pool’s programs (your share of each order’s qualifying revenue, in ${base}), minus refunds made in the period; an order counted in several of these programs counts once`,
  customers: () => 'the customers newly credited to you in the pool’s programs during the period',
};

/** The short name of what a pool counts: "Revenue you referred", "New customers you referred". */
export const PARTNER_METRIC_NAME: Record<PoolMetric, string> = {
  revenue: 'Revenue you referred',
  customers: 'New customers you referred',
};

/** A pool's metric value or goal: revenue in the base currency, customers as a count. */
export function metricValue(metric: Json | undefined, value: Json | undefined, baseCurrency: string): string {
  return str(metric) === 'customers' ? exact(value) : money(value, baseCurrency);
}

/**
 * An unrounded amount as the partner reads it: exact (like the console's `exact`) unless it runs
 * past 8 decimals, as revenue converted at a rate can; then "about" and two places more than the
 * unit keeps, so the figure still shows what was rounded.
 */
export function readableExact(amount: Json | undefined, unit?: string): string {
  const text = str(amount);
  if (text === undefined || !text.includes('.') || text.split('.')[1].length <= 8) return exact(amount, unit);
  try {
    const places = (unit ? unitPrecision(unit) : null) ?? 2;
    return `about ${exact(new Decimal(text).toDecimalPlaces(places + 2).toFixed(), unit)}`;
  } catch {
    return exact(amount, unit);
  }
}

/** "2 decimal places", "whole points": the precision an amount of the unit is rounded to. */
export function precisionWords(unit: string | undefined): string {
  const places = unit ? unitPrecision(unit) : null;
  if (places === null) return 'the unit’s precision';
  if (places === 0) return `whole ${unit}`;
  return `${places} decimal place${places === 1 ? '' : 's'}`;
}

/** "60/40" for two shares, "50/50"; the partner's own share first. */
export function splitWords(mine: Decimal, other: Decimal): string {
  const pct = (d: Decimal) => d.times(100).toDecimalPlaces(2).toFixed();
  return `${pct(mine)}/${pct(other)}`;
}

/**
 * Which month of a recurring share an order falls in, counted from when the customer was first
 * credited: month 1 starts at that moment, month 2 one calendar month later (the engine's own
 * month arithmetic, so "month 12 of 12" is the last one paid).
 */
export function recurringMonth(boundAt: Json | undefined, at: Json | undefined): number | null {
  const from = typeof boundAt === 'string' ? Date.parse(boundAt) : NaN;
  const to = typeof at === 'string' ? Date.parse(at) : NaN;
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return null;
  let months = 0;
  while (addCalendarMonths(from, months + 1) <= to) months++;
  return months + 1;
}

/** "58.97%": a part of a whole as a percentage, two decimals at most. */
export function percentOf(part: Json | undefined, whole: Json | undefined): string | null {
  try {
    const w = new Decimal(str(whole) ?? 'NaN');
    if (!w.isFinite() || w.isZero()) return null;
    return `${new Decimal(str(part) ?? 'NaN').div(w).times(100).toDecimalPlaces(2).toFixed()}%`;
  } catch {
    return null;
  }
}
