import type { RewardRule } from './validation/program';
import type { PartnerCategory } from './domain/programs';

/** Human wording of a reward rule, e.g. "10% of first purchases". Amounts stay strings. */
export function describeRule(rule: RewardRule, unit: string): string {
  switch (rule.type) {
    case 'one_time_share':
      return `${rule.percent}% of each qualifying one-time purchase`;
    case 'recurring_share':
      return `${rule.percent}% of recurring revenue${rule.durationMonths ? ` for ${rule.durationMonths} months` : ', for the customer\u2019s lifetime'}`;
    case 'per_customer':
      return `${rule.amount} ${unit} per new customer`;
    case 'per_order':
      return `${rule.amount} ${unit} per order`;
    case 'milestone':
      return `${rule.amount} ${unit} when the customer reaches \u201c${rule.name}\u201d`;
  }
}

/**
 * Every partner category in words (the build fails if one is missing); the program form offers them
 * in this order, referral first as its default. Indexable by any string: pages pass stored values.
 */
export const categoryLabel: Readonly<Record<string, string>> = {
  referral: 'Referral partners',
  agency: 'Agencies',
  reseller: 'Resellers',
  affiliate: 'Affiliates',
  implementation: 'Implementation partners',
  internal: 'Internal sales',
  other: 'Other',
} satisfies Record<PartnerCategory, string>;

export function formatDate(d: Date | string): string {
  return new Date(d).toISOString().slice(0, 10);
}
