import { describe, expect, it } from 'vitest';
import { computeOrderRewards, EngineError, type CustomerBinding, type RewardRule } from '../../../lib/engine';
import { amountsByPartner, click, context, order, program } from './fixtures';

const AT = '2026-01-10T00:00:00.000Z';
const bound = (shares: [string, string][], boundAt = '2026-01-01T00:00:00Z'): CustomerBinding => ({
  programId: 'P',
  customerId: 'c1',
  boundAt,
  source: 'attribution',
  shares: shares.map(([partnerId, share]) => ({ partnerId, share })),
});
const lines = [
  { product: 'pro', plan: 'monthly', category: 'subscription', amount: '100.00', recurring: true },
  { product: 'setup', category: 'services', amount: '300.00' },
];

describe('reward rules at share 1', () => {
  it.each<[string, RewardRule, string | null]>([
    ['one_time_share takes non-recurring revenue', { type: 'one_time_share', percent: '10' }, '30.00'],
    ['recurring_share takes recurring revenue', { type: 'recurring_share', percent: '20', durationMonths: null }, '20.00'],
    ['per_customer', { type: 'per_customer', amount: '50' }, '50.00'],
    ['per_order', { type: 'per_order', amount: '5' }, '5.00'],
    ['milestone pays nothing on an order', { type: 'milestone', name: 'go-live', amount: '500' }, null],
    ['fractional percent rounds half-up', { type: 'one_time_share', percent: '0.0025' }, '0.01'],
  ])('%s', (_label, rule, expected) => {
    const ctx = context({ rules: [rule], bindings: [bound([['a', '1']])] });
    const decision = computeOrderRewards(ctx, order({ lines }));
    expect(decision.entries.map((e) => e.amount)[0] ?? null).toBe(expected);
    if (expected) expect(decision.entries[0]).toMatchObject({ kind: 'commission', rule: rule.type, partnerId: 'a', unit: 'USD', orderId: 'o1' });
  });
});

describe('recurring_share duration in calendar months from binding', () => {
  it.each([
    ['2026-04-14T23:59:59Z', true],
    ['2026-04-15T00:00:00Z', false],
  ])('bound 2026-01-15, 3 months, order at %s pays: %s', (at, pays) => {
    const ctx = context({ rules: [{ type: 'recurring_share', percent: '20', durationMonths: 3 }], bindings: [bound([['a', '1']], '2026-01-15T00:00:00Z')] });
    expect(computeOrderRewards(ctx, order({ occurredAt: at, lines })).entries).toHaveLength(pays ? 1 : 0);
  });

  it('clamps month ends (Jan 31 + 1 month = Feb 28)', () => {
    const ctx = context({ rules: [{ type: 'recurring_share', percent: '20', durationMonths: 1 }], bindings: [bound([['a', '1']], '2026-01-31T00:00:00Z')] });
    expect(computeOrderRewards(ctx, order({ occurredAt: '2026-02-27T23:59:59Z', lines })).entries).toHaveLength(1);
    expect(computeOrderRewards(ctx, order({ occurredAt: '2026-02-28T00:00:00Z', lines })).entries).toHaveLength(0);
  });
});

describe('per_customer', () => {
  const rules: RewardRule[] = [{ type: 'per_customer', amount: '50' }];

  it('is used up by the first qualifying order that credits someone', () => {
    const ctx = context({ rules, clicks: [click('a', '2026-01-05T00:00:00Z')] });
    const first = computeOrderRewards(ctx, order());
    expect(first.usage).toEqual([{ type: 'per_customer', programId: 'P', customerId: 'c1' }]);
    const again = computeOrderRewards({ ...ctx, usage: { perCustomerUsed: ['P'], milestonesUsed: [] } }, order({ id: 'o2' }));
    expect(again.entries).toEqual([]);
    expect(again.usage).toEqual([]);
  });

  it('is not used by an order without a qualifying line or without credit', () => {
    const scoped = context({ programs: [program({ rewards: rules, scope: { include: { categories: ['x'] } } })], clicks: [click('a', '2026-01-05T00:00:00Z')] });
    expect(computeOrderRewards(scoped, order()).usage).toEqual([]);
    expect(computeOrderRewards(context({ rules }), order()).usage).toEqual([]);
  });
});

describe('binding', () => {
  it('the first crediting order binds; a bound customer is never re-attributed', () => {
    const ctx = context({ clicks: [click('a', '2026-01-05T00:00:00Z')] });
    const first = computeOrderRewards(ctx, order());
    expect(first.newBindings).toEqual([bound([['a', '1']], AT)].map((b) => ({ ...b, boundAt: AT })));
    const later = computeOrderRewards({ ...ctx, clicks: [click('b', '2026-01-09T00:00:00Z')], bindings: first.newBindings }, order({ id: 'o2' }));
    expect(later.newBindings).toEqual([]);
    expect(amountsByPartner(later.entries)).toEqual({ a: '10.00' });
  });

  it('an order crediting nobody binds nobody', () => {
    expect(computeOrderRewards(context(), order()).newBindings).toEqual([]);
  });

  it('a bound partner no longer approved is not paid; the others keep their share', () => {
    const ctx = context({ bindings: [bound([['a', '1/3'], ['b', '1/3'], ['c', '1/3']])] });
    ctx.enrollments = ctx.enrollments.map((e) => (e.partnerId === 'b' ? { ...e, endedAt: '2026-01-02T00:00:00Z' } : e));
    const decision = computeOrderRewards(ctx, order());
    expect(amountsByPartner(decision.entries)).toEqual({ a: '3.34', c: '3.33' });
    expect(decision.credits.map((c) => c.partnerId)).toEqual(['a', 'c']);
  });
});

describe('special agreements (enrollment rules)', () => {
  it('the partner is computed apart at its own share; the others split the program rules', () => {
    const ctx = context({ rules: [{ type: 'per_order', amount: '10' }], bindings: [bound([['a', '1/3'], ['b', '1/3'], ['c', '1/3']])] });
    ctx.enrollments = ctx.enrollments.map((e) => (e.partnerId === 'b' ? { ...e, rewards: [{ type: 'per_order', amount: '1' }] } : e));
    const decision = computeOrderRewards(ctx, order());
    // others: 10 × 2/3 = 6.666… → 6.67 split 3.34 / 3.33; b: 1 × 1/3 = 0.33 on its own
    expect(amountsByPartner(decision.entries)).toEqual({ a: '3.34', c: '3.33', b: '0.33' });
    expect(decision.entries.find((e) => e.partnerId === 'b')?.ruleSource).toBe('enrollment');
  });
});

describe('rounding and zero amounts', () => {
  it('a zero reward creates no entry', () => {
    const ctx = context({ rules: [{ type: 'one_time_share', percent: '10' }], bindings: [bound([['a', '1']])] });
    expect(computeOrderRewards(ctx, order({ lines: [{ amount: '0.04' }] })).entries).toEqual([]);
  });

  it('equal remainders go to the earliest first touch', () => {
    const ctx = context({ programs: [program({ model: 'equal_split', rewards: [{ type: 'per_order', amount: '10' }] })], clicks: [click('c', '2026-01-02T00:00:00Z'), click('a', '2026-01-03T00:00:00Z'), click('b', '2026-01-04T00:00:00Z')] });
    expect(amountsByPartner(computeOrderRewards(ctx, order()).entries)).toEqual({ c: '3.34', a: '3.33', b: '3.33' });
  });
});

describe('units, FX and explanation', () => {
  it('converts order currency → base → unit and pays after the hold', () => {
    const ctx = context({
      programs: [program({ unit: 'EUR', holdDays: 30 })],
      workspace: { baseCurrency: 'USD', fxRates: [{ currency: 'EUR', rate: '1.10', from: '2026-01-01T00:00:00Z' }, { currency: 'GBP', rate: '1.25', from: '2026-01-01T00:00:00Z' }], units: [] },
      bindings: [bound([['a', '1']])],
    });
    const decision = computeOrderRewards(ctx, order({ currency: 'GBP', lines: [{ amount: '1000' }] }));
    // 1000 GBP = 1250 USD = 1136.3636… EUR → 10% = 113.64
    expect(decision.entries[0]).toMatchObject({ amount: '113.64', unit: 'EUR', payableAt: '2026-02-09T00:00:00.000Z' });
    expect(decision.credits[0].qualifyingRevenueBase).toBe('1250');
    const explanation = JSON.parse(JSON.stringify(decision.entries[0].explanation));
    expect(explanation).toMatchObject({ revenue: { fxRateToBase: '1.25', unitValueInBase: '1.1' }, rule: { type: 'one_time_share', percent: '10' } });
  });

  it('refuses with fx_rate_missing and decides nothing', () => {
    const ctx = context({ programs: [program(), program({ id: 'eu', unit: 'EUR' })], bindings: [bound([['a', '1']])] });
    expect(() => computeOrderRewards(ctx, order())).toThrow(EngineError);
    expect(() => computeOrderRewards(ctx, order())).toThrow(expect.objectContaining({ code: 'fx_rate_missing' }));
  });

  it('explains refused signals', () => {
    const ctx = context({ clicks: [click('a', '2025-11-01T00:00:00Z'), click('b', '2026-01-05T00:00:00Z')] });
    const decision = computeOrderRewards(ctx, order());
    expect(decision.entries[0].explanation).toMatchObject({
      attribution: { source: 'touches', model: 'last_touch', refused: [{ partnerId: 'a', reason: 'outside_window' }] },
    });
  });
});

describe('bindings stored as truncated decimals', () => {
  it('are normalised so the rule total is not short by a cent', () => {
    const third = '0.3333333333';
    const ctx = context({ rules: [{ type: 'per_order', amount: '0.03' }], bindings: [bound([['a', third], ['b', third], ['c', third]])] });
    expect(amountsByPartner(computeOrderRewards(ctx, order()).entries)).toEqual({ a: '0.01', b: '0.01', c: '0.01' });
  });
});
