import DecimalJs from 'decimal.js';

/**
 * The engine's own Decimal constructor. 40 significant digits keeps intermediate products
 * (amount × FX × percent × share) exact far beyond any currency's precision; rounding happens
 * only where the spec says so, always half-up.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export type DecimalInput = string | number | Decimal;

export function dec(value: DecimalInput): Decimal {
  return new Decimal(value);
}

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
