import { describe, expect, it } from 'vitest';
import {
  assertOrderRatesAvailable,
  baseToUnit,
  Decimal,
  EngineError,
  fxRateAt,
  resolveUnit,
  toBaseCurrency,
  type WorkspaceConfig,
} from '../../../lib/engine';
import { program } from './fixtures';

const workspace: WorkspaceConfig = {
  baseCurrency: 'USD',
  fxRates: [
    { currency: 'EUR', rate: '1.10', from: '2026-01-01T00:00:00Z' },
    { currency: 'EUR', rate: '1.20', from: '2026-06-01T00:00:00Z' },
    { currency: 'JPY', rate: '0.0067', from: '2026-03-01T00:00:00Z' },
  ],
  units: [{ key: 'points', label: 'Points', precision: 0, baseValue: '0.01' }],
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof EngineError ? e.code : 'other';
  }
  return undefined;
}

describe('fxRateAt picks the latest rate in force', () => {
  it.each([
    ['EUR', '2025-12-31T23:59:59Z', null],
    ['EUR', '2026-01-01T00:00:00Z', '1.1'],
    ['EUR', '2026-05-31T23:59:59Z', '1.1'],
    ['EUR', '2026-06-01T00:00:00Z', '1.2'],
    ['USD', '1990-01-01T00:00:00Z', '1'],
    ['GBP', '2026-06-01T00:00:00Z', null],
  ])('%s at %s → %s', (currency, at, expected) => {
    expect(fxRateAt(workspace, currency, at)?.toFixed() ?? null).toBe(expected);
  });
});

describe('conversion order currency → base → unit', () => {
  it('EUR order to EUR unit round-trips through the base currency', () => {
    const base = toBaseCurrency(new Decimal('1000'), 'EUR', workspace, '2026-06-11T00:00:00Z');
    expect(base.toFixed()).toBe('1200');
    expect(baseToUnit(base, resolveUnit('EUR', []), workspace, '2026-06-11T00:00:00Z').toFixed()).toBe('1000');
  });

  it('USD to a EUR unit keeps full precision (2000 / 1.10)', () => {
    const unit = baseToUnit(new Decimal('2000'), resolveUnit('EUR', []), workspace, '2026-03-02T00:00:00Z');
    expect(unit.toFixed(10)).toBe('1818.1818181818');
  });

  it('base to points divides by baseValue', () => {
    expect(baseToUnit(new Decimal('75'), resolveUnit('points', workspace.units), workspace, '2026-03-02T00:00:00Z').toFixed()).toBe('7500');
  });
});

describe('fx_rate_missing', () => {
  it('refuses an order in a currency without a rate', () => {
    expect(codeOf(() => assertOrderRatesAvailable(workspace, 'GBP', [program()], '2026-03-01T00:00:00Z'))).toBe('fx_rate_missing');
  });

  it('refuses an order when any active program pays in a currency without a rate', () => {
    const programs = [program(), program({ id: 'jp', unit: 'JPY' })];
    expect(codeOf(() => assertOrderRatesAvailable(workspace, 'USD', programs, '2026-02-01T00:00:00Z'))).toBe('fx_rate_missing');
    expect(codeOf(() => assertOrderRatesAvailable(workspace, 'USD', programs, '2026-03-01T00:00:00Z'))).toBeUndefined();
  });

  it('ignores archived programs and custom units', () => {
    const programs = [program({ id: 'jp', unit: 'JPY', active: false }), program({ id: 'pts', unit: 'points' })];
    expect(codeOf(() => assertOrderRatesAvailable(workspace, 'USD', programs, '2026-02-01T00:00:00Z'))).toBeUndefined();
  });
});
