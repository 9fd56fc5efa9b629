import { describe, expect, it } from 'vitest';
import { describeRule, formatAmount, formatNumber, unitPrecision } from '@/lib/format';

describe('formatAmount: per-unit precision, thousands separators, exact', () => {
  const cases: [string, string, Parameters<typeof formatAmount>[2], string][] = [
    ['1234.5', 'USD', undefined, '1,234.50 USD'],
    ['1234.50', 'EUR', undefined, '1,234.50 EUR'],
    ['0', 'USD', undefined, '0.00 USD'],
    ['-1234.5', 'USD', undefined, '-1,234.50 USD'],
    ['-0.001', 'USD', undefined, '0.00 USD'],
    ['1235', 'JPY', undefined, '1,235 JPY'],
    ['1234.5', 'JPY', undefined, '1,235 JPY'],
    ['-1234.5', 'JPY', undefined, '-1,235 JPY'],
    ['1.5', 'KWD', undefined, '1.500 KWD'],
    ['1234567.1234', 'BHD', undefined, '1,234,567.123 BHD'],
    ['999', 'USD', undefined, '999.00 USD'],
    ['1000', 'USD', undefined, '1,000.00 USD'],
    // beyond 2^53 and beyond the engine's 40 significant digits: still exact
    ['123456789012345678901234567890123456789012345.67', 'USD', undefined, '123,456,789,012,345,678,901,234,567,890,123,456,789,012,345.67 USD'],
    ['9007199254740993.01', 'USD', undefined, '9,007,199,254,740,993.01 USD'],
    // custom units: their own precision when known, else as stored without trailing zeros
    ['12000', 'points', undefined, '12,000 points'],
    ['12000.0000', 'points', undefined, '12,000 points'],
    ['1500.2500', 'credits', undefined, '1,500.25 credits'],
    ['12000', 'points', { units: [{ key: 'points', precision: 0 }] }, '12,000 points'],
    ['12.5', 'credits', { units: [{ key: 'credits', precision: 2 }] }, '12.50 credits'],
    ['-7.125', 'credits', { units: [{ key: 'credits', precision: 2 }] }, '-7.13 credits'],
    // a custom unit may even shadow a currency-like key
    ['10', 'PTS', { units: [{ key: 'PTS', precision: 0 }] }, '10 PTS'],
    // options
    ['1234.5', 'USD', { withUnit: false }, '1,234.50'],
    ['0.123456', 'USD', { precision: 4 }, '0.1235 USD'],
    // not a number: shown as is
    ['n/a', 'USD', undefined, 'n/a'],
  ];
  for (const [amount, unit, opts, expected] of cases) {
    it(`${amount} ${unit}${opts ? ` ${JSON.stringify(opts)}` : ''} -> ${expected}`, () => {
      expect(formatAmount(amount, unit, opts)).toBe(expected);
    });
  }

  it('unitPrecision: currencies by ISO 4217, custom units by their row, else unknown', () => {
    expect(unitPrecision('USD')).toBe(2);
    expect(unitPrecision('JPY')).toBe(0);
    expect(unitPrecision('OMR')).toBe(3);
    expect(unitPrecision('points')).toBeNull();
    expect(unitPrecision('points', [{ key: 'points', precision: 1 }])).toBe(1);
  });

  it('formatNumber groups counts', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber('-98765')).toBe('-98,765');
    expect(formatNumber(12345678901234567890n)).toBe('12,345,678,901,234,567,890');
  });
});

describe('describeRule words amounts per unit', () => {
  it('fees carry the unit precision and separators', () => {
    expect(describeRule({ type: 'per_order', amount: '1250' } as Parameters<typeof describeRule>[0], 'USD')).toBe('1,250.00 USD per order');
    expect(describeRule({ type: 'per_customer', amount: '5000' } as Parameters<typeof describeRule>[0], 'JPY')).toBe('5,000 JPY per new customer');
  });
});
