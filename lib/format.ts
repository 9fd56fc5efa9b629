import type { RewardRule } from './validation/program';
import type { PartnerCategory } from './domain/programs';
import { Decimal } from './engine/decimal';
import { currencyPrecision, isCurrencyCode } from './engine/units';

/** Human wording of a reward rule, e.g. "10% of first purchases", "25.00 USD per order" (amounts per unit). */
export function describeRule(rule: RewardRule, unit: string): string {
  switch (rule.type) {
    case 'one_time_share':
      return `${rule.percent}% of each qualifying one-time purchase`;
    case 'recurring_share':
      return `${rule.percent}% of recurring revenue${rule.durationMonths ? ` for ${rule.durationMonths} months` : ', for the customer\u2019s lifetime'}`;
    case 'per_customer':
      return `${formatAmount(rule.amount, unit)} per new customer`;
    case 'per_order':
      return `${formatAmount(rule.amount, unit)} per order`;
    case 'milestone':
      return `${formatAmount(rule.amount, unit)} when the customer reaches \u201c${rule.name}\u201d`;
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

/** What formatAmount needs to know about a workspace's custom units (the engine's CustomUnit fits). */
export interface UnitPrecision {
  key: string;
  precision: number;
}

export interface FormatAmountOptions {
  /** The workspace's custom units; a unit found here is shown with its own precision. */
  units?: readonly UnitPrecision[];
  /** Overrides the unit's precision (e.g. a rate shown with more places). */
  precision?: number;
  /** Append the unit ("1,234.50 USD"); default true. */
  withUnit?: boolean;
}

/** "1234567.5" -> "1,234,567.5": separators on the integer part only, sign kept in front. */
function groupThousands(fixed: string): string {
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/**
 * An amount for people, per unit: "1,234.50 USD", "1,235 JPY", "1.500 KWD", "12,000 points".
 * Exact: the stored numeric string goes through decimal.js, never a JS number. Currencies (ISO 4217)
 * get their minor-unit precision, custom units theirs when `units` names them; a unit of unknown
 * precision is shown as stored without trailing zeros. Rounding (only when a value carries more
 * places than its unit) is half-up, like the engine's. Text that is not a number is returned as is.
 */
export function formatAmount(amount: string, unit: string, opts: FormatAmountOptions = {}): string {
  let value: Decimal;
  try {
    value = new Decimal(amount.trim());
  } catch {
    return amount;
  }
  if (!value.isFinite()) return amount;
  const precision = opts.precision ?? unitPrecision(unit, opts.units);
  let fixed = precision === null ? value.toFixed() : value.toFixed(precision, Decimal.ROUND_HALF_UP);
  if (/^-0(\.0+)?$/.test(fixed)) fixed = fixed.slice(1);
  const text = groupThousands(fixed);
  return opts.withUnit === false || !unit ? text : `${text} ${unit}`;
}

/** The unit's decimal places: a custom unit's own, a currency's ISO 4217 minor units, else unknown. */
export function unitPrecision(unit: string, units?: readonly UnitPrecision[]): number | null {
  const custom = units?.find((u) => u.key === unit);
  if (custom) return custom.precision;
  return isCurrencyCode(unit) ? currencyPrecision(unit) : null;
}

/** A count or other plain number with thousands separators ("12,345"); exact like formatAmount. */
export function formatNumber(value: string | number | bigint): string {
  return formatAmount(String(value), '', { withUnit: false });
}

/**
 * "jane.doe@acme.com" -> "j•••@acme.com": the first letter of the mailbox and the whole domain, enough
 * to recognise an address, not to reuse it. Customers' emails in the partner portal (unless the
 * merchant chose to show them) and payout emails in the console. Anything without a mailbox is "•••".
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
