import { describe, expect, it } from 'vitest';
import { currencyPrecision, EngineError, formatAmount, resolveUnit, roundToPrecision } from '../../../lib/engine';

describe('ISO 4217 precision', () => {
  it.each([
    ['USD', 2], ['EUR', 2], ['JPY', 0], ['KRW', 0], ['KWD', 3], ['BHD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3], ['CLF', 4], ['XYZ', 2],
  ])('%s has %i decimals', (code, precision) => {
    expect(currencyPrecision(code)).toBe(precision);
  });
});

describe('units', () => {
  const units = [
    { key: 'points', label: 'Points', precision: 0, baseValue: '0.01' },
    { key: 'credit', label: 'Credit', precision: 2, baseValue: '1' },
  ];

  it('resolves custom units before currencies', () => {
    expect(resolveUnit('points', units)).toMatchObject({ kind: 'custom', precision: 0 });
    expect(resolveUnit('JPY', units)).toEqual({ kind: 'currency', key: 'JPY', precision: 0 });
  });

  it.each([
    [{ key: 'bad', label: 'x', precision: 5, baseValue: '1' }],
    [{ key: 'bad', label: 'x', precision: 2, baseValue: '0' }],
  ])('rejects an invalid custom unit %j', (unit) => {
    expect(() => resolveUnit('bad', [unit])).toThrow(EngineError);
  });

  it('rejects unknown unit keys with a code', () => {
    try {
      resolveUnit('tokens', units);
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).code).toBe('unknown_unit');
    }
  });
});

describe('rounding and formatting', () => {
  it.each([
    ['1.005', 2, '1.01'],
    ['1.0049999', 2, '1.00'],
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['181.8181818', 2, '181.82'],
    ['0.0005', 3, '0.001'],
    ['12.34565', 4, '12.3457'],
  ])('roundHalfUp(%s, %i) = %s', (value, precision, expected) => {
    expect(roundToPrecision(value, precision).toFixed(precision)).toBe(expected);
  });

  it.each([
    ['7500', 0, '7500'],
    ['250', 2, '250.00'],
    ['1.5', 3, '1.500'],
    ['-0.001', 2, '0.00'],
    ['-25', 2, '-25.00'],
  ])('formats %s with %i places as %s', (value, precision, expected) => {
    expect(formatAmount(value, precision)).toBe(expected);
  });
});
