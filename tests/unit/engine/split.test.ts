import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, ratio, splitByLargestRemainder, type Ratio } from '../../../lib/engine';

function split(total: string, precision: number, weights: Ratio[]): string[] {
  return splitByLargestRemainder(new Decimal(total), precision, weights).map((d) => d.toFixed(precision));
}

describe('largest remainder split', () => {
  it.each<[string, number, Ratio[], string[]]>([
    ['10.00', 2, [ratio(1, 3), ratio(1, 3), ratio(1, 3)], ['3.34', '3.33', '3.33']],
    ['0.02', 2, [ratio(1, 3), ratio(1, 3), ratio(1, 3)], ['0.01', '0.01', '0.00']],
    ['9.90', 2, [ratio(4, 5), ratio(1, 10), ratio(1, 10)], ['7.92', '0.99', '0.99']],
    ['100', 0, [ratio(1, 6), ratio(1, 2), ratio(1, 3)], ['17', '50', '33']],
    ['1000.00', 2, [ratio(8000), ratio(6000)], ['571.43', '428.57']],
    ['-10.00', 2, [ratio(1, 3), ratio(2, 3)], ['-3.33', '-6.67']],
    ['5.00', 2, [ratio(1, 2), ratio(1, 2)], ['2.50', '2.50']],
    ['0.01', 2, [ratio(1, 2), ratio(1, 2)], ['0.01', '0.00']],
    // weights need not sum to 1 (others' share of the program after a special agreement)
    ['6.67', 2, [ratio(1, 3), ratio(1, 3)], ['3.34', '3.33']],
  ])('split %s (p=%i)', (total, precision, weights, expected) => {
    expect(split(total, precision, weights)).toEqual(expected);
  });

  it('refuses an unrounded total', () => {
    expect(() => split('1.005', 2, [ratio(1)])).toThrow();
  });
});

describe('property: parts sum to the rounded total and differ from the exact share by < 1 minor unit', () => {
  it('holds for random totals and weights', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.record({ n: fc.integer({ min: 1, max: 1000 }), d: fc.integer({ min: 1, max: 1000 }) }), { minLength: 1, maxLength: 12 }),
        (minor, precision, raw) => {
          const total = new Decimal(minor.toString()).div(new Decimal(10).pow(precision));
          const weights = raw.map((w) => ratio(w.n, w.d));
          const parts = splitByLargestRemainder(total, precision, weights);
          expect(parts.reduce((a, p) => a.plus(p), new Decimal(0)).eq(total)).toBe(true);
          const weightSum = raw.reduce((a, w) => a.plus(new Decimal(w.n).div(w.d)), new Decimal(0));
          const unit = new Decimal(10).pow(-precision);
          parts.forEach((p, i) => {
            const exact = total.times(new Decimal(raw[i].n).div(raw[i].d)).div(weightSum);
            expect(p.minus(exact).abs().lt(unit)).toBe(true);
            expect(p.decimalPlaces()).toBeLessThanOrEqual(precision);
          });
        },
      ),
    );
  });
});
