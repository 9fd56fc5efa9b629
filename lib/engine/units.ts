import { Decimal, type DecimalInput } from './decimal';
import { EngineError } from './errors';

/** A workspace's custom reward unit (points, service credit, ...). */
export interface CustomUnit {
  key: string;
  label: string;
  /** Decimal places, 0..4. */
  precision: number;
  /** Worth of one unit in the workspace's base currency. */
  baseValue: string;
}

export type UnitInfo =
  | { kind: 'currency'; key: string; precision: number }
  | { kind: 'custom'; key: string; precision: number; baseValue: Decimal; label: string };

/**
 * ISO 4217 minor units for currencies whose precision is not 2. Everything absent is 2, which
 * is right for the vast majority of currencies.
 */
const CURRENCY_PRECISION: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export function currencyPrecision(code: string): number {
  return CURRENCY_PRECISION[code.toUpperCase()] ?? 2;
}

export function isCurrencyCode(key: string): boolean {
  return /^[A-Z]{3}$/.test(key);
}

/** Resolves a unit key: a workspace's custom unit first, else an ISO 4217 currency code. */
export function resolveUnit(key: string, customUnits: readonly CustomUnit[]): UnitInfo {
  const custom = customUnits.find((u) => u.key === key);
  if (custom) {
    if (!Number.isInteger(custom.precision) || custom.precision < 0 || custom.precision > 4) {
      throw new EngineError('invalid_input', `unit ${key} precision must be 0..4`, { unit: key });
    }
    const baseValue = new Decimal(custom.baseValue);
    if (!baseValue.isFinite() || baseValue.lte(0)) {
      throw new EngineError('invalid_input', `unit ${key} baseValue must be > 0`, { unit: key });
    }
    return { kind: 'custom', key, precision: custom.precision, baseValue, label: custom.label };
  }
  if (isCurrencyCode(key)) return { kind: 'currency', key, precision: currencyPrecision(key) };
  throw new EngineError('unknown_unit', `unknown reward unit ${key}`, { unit: key });
}

/** Half-up rounding (away from zero on a tie) to the unit's precision. */
export function roundToPrecision(value: DecimalInput, precision: number): Decimal {
  return new Decimal(value).toDecimalPlaces(precision, Decimal.ROUND_HALF_UP);
}

/** Plain decimal text with exactly the unit's number of places: "7500", "250.00", "1.500". */
export function formatAmount(value: DecimalInput, precision: number): string {
  const fixed = new Decimal(value).toFixed(precision, Decimal.ROUND_HALF_UP);
  // Avoid "-0.00" for a value that rounds to zero.
  return /^-0(\.0+)?$/.test(fixed) ? fixed.slice(1) : fixed;
}

export function formatUnitAmount(value: DecimalInput, unit: UnitInfo): string {
  return formatAmount(value, unit.precision);
}
