import { Decimal } from './decimal';
import { EngineError } from './errors';

/**
 * An exact non-negative fraction. Attribution shares live here rather than in Decimal because
 * 1/3 + 1/3 + 1/3 must be exactly 1 and largest-remainder splits must compare remainders exactly.
 */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function ratio(n: bigint | number, d: bigint | number = 1n): Ratio {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new EngineError('invalid_input', 'ratio with zero denominator');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return { n: nn / g, d: dd / g };
}

export const RATIO_ZERO = ratio(0);
export const RATIO_ONE = ratio(1);

export function addRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function mulRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.n, a.d * b.d);
}

export function divRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d, a.d * b.n);
}

export function sumRatios(values: Iterable<Ratio>): Ratio {
  let total = RATIO_ZERO;
  for (const v of values) total = addRatio(total, v);
  return total;
}

export function compareRatio(a: Ratio, b: Ratio): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function isZeroRatio(a: Ratio): boolean {
  return a.n === 0n;
}

/** Exact conversion of a (finite) Decimal into a fraction. */
export function ratioFromDecimal(value: Decimal): Ratio {
  const places = value.decimalPlaces();
  const scaled = value.times(new Decimal(10).pow(places));
  return ratio(BigInt(scaled.toFixed(0)), 10n ** BigInt(places));
}

/** Decimal value of a ratio (at the engine's 40-digit precision; exact when it terminates). */
export function ratioToDecimal(value: Ratio): Decimal {
  return new Decimal(value.n.toString()).div(value.d.toString());
}

/** Multiplies a Decimal by a ratio, multiplying before dividing to keep terminating results exact. */
export function timesRatio(value: Decimal, r: Ratio): Decimal {
  return value.times(r.n.toString()).div(r.d.toString());
}

function terminates(d: bigint): boolean {
  let x = d;
  while (x % 2n === 0n) x /= 2n;
  while (x % 5n === 0n) x /= 5n;
  return x === 1n;
}

/**
 * Exact text form: a plain decimal when the fraction terminates ("0.4"), else "n/d" ("1/3"),
 * so a share stored and read back is the very same number.
 */
export function formatRatio(value: Ratio): string {
  if (terminates(value.d)) return ratioToDecimal(value).toFixed();
  return `${value.n}/${value.d}`;
}

export function parseRatio(text: string): Ratio {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash >= 0) {
    const n = trimmed.slice(0, slash).trim();
    const d = trimmed.slice(slash + 1).trim();
    if (!/^\d+$/.test(n) || !/^\d+$/.test(d)) throw new EngineError('invalid_input', `invalid share: ${text}`);
    return ratio(BigInt(n), BigInt(d));
  }
  let parsed: Decimal;
  try {
    parsed = new Decimal(trimmed);
  } catch {
    throw new EngineError('invalid_input', `invalid share: ${text}`);
  }
  if (!parsed.isFinite() || parsed.isNegative()) throw new EngineError('invalid_input', `invalid share: ${text}`);
  return ratioFromDecimal(parsed);
}
