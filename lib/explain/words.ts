import { Decimal, parseRatio, type Json } from '../engine';
import { formatAmount, formatNumber, unitPrecision } from '../format';
import type { ExplainContext, JsonObject } from './types';

// Small pieces of wording shared by every builder: reading loose JSON, dates, shares, amounts and
// the names of things. Everything returns text; nothing here knows about React.

export const obj = (v: Json | undefined): JsonObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
export const list = (v: Json | undefined): JsonObject[] => (Array.isArray(v) ? v.map(obj).filter((x): x is JsonObject => Boolean(x)) : []);
export const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Mar 2026" (UTC, like every time the engine judges by). */
export function day(iso: Json | Date | undefined): string {
  const d = iso instanceof Date ? iso : typeof iso === 'string' ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return 'an unknown date';
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "3 Mar 2026, 14:05 UTC"; seconds only when they are not zero. */
export function when(iso: Json | Date | undefined): string {
  const d = iso instanceof Date ? iso : typeof iso === 'string' ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return 'an unknown time';
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = d.getUTCSeconds() ? `:${String(d.getUTCSeconds()).padStart(2, '0')}` : '';
  return `${day(d)}, ${hh}:${mm}${ss} UTC`;
}

/** An exact share in words: "40%", "100%", "1/3 (about 33.33%)". */
export function share(value: Json | undefined): string {
  const text = str(value);
  if (!text) return 'an unknown share';
  try {
    const r = parseRatio(text);
    const percent = new Decimal(r.n.toString()).div(r.d.toString()).times(100);
    if (/^[\d.]+$/.test(text) || percent.decimalPlaces() <= 4) return `${formatNumber(percent.toDecimalPlaces(4).toFixed())}%`;
    return `${text} (about ${percent.toDecimalPlaces(2).toFixed()}%)`;
  } catch {
    return text;
  }
}

/** An amount in a unit, formatted per unit; a missing unit shows the plain number. */
export function money(amount: Json | undefined, unit?: string): string {
  const text = str(amount);
  if (text === undefined) return 'an unknown amount';
  // without its unit an amount keeps the decimals it was stored with ("500.00", not "500")
  return unit ? formatAmount(text, unit) : exact(text);
}

/**
 * An unrounded amount (an exact total before rounding, revenue in a unit): every decimal it has is
 * shown, at least the unit's, so "10.005" never reads as the rounded "10.01".
 */
export function exact(amount: Json | undefined, unit?: string): string {
  const text = str(amount);
  if (text === undefined) return 'an unknown amount';
  const places = text.includes('.') ? text.split('.')[1].length : 0;
  const precision = Math.max(places, (unit && unitPrecision(unit)) || 0);
  return unit ? formatAmount(text, unit, { precision }) : formatAmount(text, '', { precision, withUnit: false });
}

/** A number without unit ("1,234.5"), exact. */
export function number(value: Json | undefined): string {
  const text = str(value);
  return text === undefined ? 'an unknown number' : formatNumber(text);
}

type Kind = 'partner' | 'program' | 'group' | 'pool';
const fallback: Record<Kind, string> = { partner: 'a partner', program: 'a program', group: 'the program group', pool: 'the pool' };

/** The display name of an id, or a neutral word when the caller may not (or cannot) name it. */
export function nameOf(ctx: ExplainContext, id: Json | undefined, kind: Kind): string {
  return typeof id === 'string' ? (ctx.names[id] ?? fallback[kind]) : fallback[kind];
}

/** Whether two decimal strings are the same number ("50" and "50.00"). */
export function sameNumber(a: Json | undefined, b: Json | undefined): boolean {
  try {
    return new Decimal(str(a) ?? 'NaN').eq(new Decimal(str(b) ?? 'NaN'));
  } catch {
    return false;
  }
}

/** "Gold’s", "Customer referrals’". */
export const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);

/** A sentence that starts with a name the portal may have replaced by "you" or "another partner". */
export const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Ada", "Ada and Ben", "Ada, Ben and Cy". */
export function joinWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
