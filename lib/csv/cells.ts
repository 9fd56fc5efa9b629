import { Decimal } from '../engine/decimal';
import { unitPrecision, type UnitPrecision } from '../format';

// What a CSV cell may hold. Text (names, emails, references, anything a person typed) is
// neutralised against formula injection; values we produce ourselves from typed columns (amounts
// from numeric, times from timestamptz) are `Trusted` and written as they are, so a
// negative amount stays the number -12.50 instead of becoming the text '-12.50.

/** A cell we built from a typed value; never neutralised, never quoted. */
export class Trusted {
  private constructor(readonly text: string) {}
  /** Only the constructors below make one, each from a value that cannot carry a formula. */
  static of(text: string): Trusted {
    return new Trusted(text);
  }
}

export type CsvCell = string | null | undefined | Trusted;

// OWASP "CSV Injection": a spreadsheet runs a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text as a spreadsheet will show it but never run it: a leading `=`, `+`, `-`, `@`, tab or carriage
 * return gets a single quote in front (the writer then quotes the cell, as OWASP advises).
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * An amount as a plain decimal at its unit's precision ("1234.50", "-12.50", "7500"): no thousands
 * separators, no unit (that has its own column). A unit of unknown precision is written as stored.
 * Throws on anything that is not a finite number, so a text can never pass as an amount.
 */
export function amountCell(amount: string, unit: string, units: readonly UnitPrecision[]): Trusted {
  const value = new Decimal(amount.trim());
  if (!value.isFinite()) throw new Error(`not an amount: ${amount}`);
  const precision = unitPrecision(unit, units);
  const fixed = precision === null ? value.toFixed() : value.toFixed(precision, Decimal.ROUND_HALF_UP);
  // "-0.00" after rounding is zero
  return Trusted.of(/^-0(\.0+)?$/.test(fixed) ? fixed.slice(1) : fixed);
}

/** A time in ISO 8601 UTC with milliseconds ("2026-11-30T12:00:00.000Z"); empty when absent. */
export function timeCell(at: Date | null | undefined): Trusted | null {
  if (!at) return null;
  if (Number.isNaN(at.getTime())) throw new Error('not a time');
  return Trusted.of(at.toISOString());
}
