import { describe, expect, it } from 'vitest';
import { closePoolPeriod, EngineError, parsePoolPeriod, type EnrollmentState, type PoolConfig, type PoolCredit } from '../../../lib/engine';

describe('pool periods (UTC calendar)', () => {
  it.each<['quarter' | 'year', string, string, string]>([
    ['quarter', '2026-Q1', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['quarter', '2026-Q4', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['year', '2026', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s %s', (kind, key, start, end) => {
    const bounds = parsePoolPeriod(kind, key);
    expect([new Date(bounds.startMs).toISOString(), new Date(bounds.endMs).toISOString()]).toEqual([start, end]);
  });

  it.each<['quarter' | 'year', string]>([['quarter', '2026'], ['quarter', '2026-Q5'], ['year', '2026-Q1']])('rejects %s %s', (kind, key) => {
    expect(() => parsePoolPeriod(kind, key)).toThrow(expect.objectContaining({ code: 'invalid_period' }));
  });
});

const pool: PoolConfig = { id: 'q', unit: 'USD', amount: '1000.00', period: 'quarter', programIds: ['P', 'R'], metric: 'revenue', goal: '5000' };
const enrolled = (partnerId: string, enrolledAt = '2025-01-01T00:00:00Z', programId = 'P'): EnrollmentState => ({ partnerId, programId, approvedAt: '2025-01-01T00:00:00Z', enrolledAt });
const credit = (orderId: string, partnerId: string, amount: string, at: string, programId = 'P'): PoolCredit => ({ orderId, programId, partnerId, creditedRevenueBase: amount, at });

function close(credits: PoolCredit[], enrollments: EnrollmentState[], extra: Partial<Parameters<typeof closePoolPeriod>[0]> = {}) {
  return closePoolPeriod({ pool, period: '2026-Q1', closingAt: '2026-04-05T00:00:00Z', units: [], enrollments, credits, ...extra });
}

describe('closing a revenue pool', () => {
  it('shares the amount among partners strictly above the goal, by largest remainder', () => {
    const result = close(
      [credit('o1', 'A', '8000', '2026-01-10T00:00:00Z'), credit('o2', 'B', '6000', '2026-02-10T00:00:00Z'), credit('o3', 'C', '5000', '2026-03-10T00:00:00Z'), credit('o5', 'A', '10000', '2026-04-02T00:00:00Z')],
      [enrolled('A'), enrolled('B'), enrolled('C')],
    );
    expect(result.entries.map((e) => `${e.partnerId} ${e.amount} ${e.kind} ${e.period} ${e.payableAt}`)).toEqual([
      'A 571.43 bonus 2026-Q1 2026-04-05T00:00:00.000Z',
      'B 428.57 bonus 2026-Q1 2026-04-05T00:00:00.000Z',
    ]);
    expect(result.standings.find((s) => s.partnerId === 'C')).toMatchObject({ metric: '5000', qualified: false });
  });

  it('subtracts refunded fractions for refunds in the period', () => {
    const result = close([credit('o4', 'D', '7000', '2026-03-20T00:00:00Z')], [enrolled('D')], {
      refunds: [{ orderId: 'o4', at: '2026-03-25T00:00:00Z', fraction: '0.35' }, { orderId: 'o4', at: '2026-04-02T00:00:00Z', fraction: '0.5' }],
    });
    expect(result.standings[0]).toMatchObject({ metric: '4550', qualified: false });
  });

  it('counts an order crediting a partner in several member programs once, with the largest amount', () => {
    const result = close([credit('o1', 'A', '3000', '2026-01-10T00:00:00Z'), credit('o1', 'A', '6000', '2026-01-10T00:00:00Z', 'R')], [enrolled('A'), enrolled('A', undefined, 'R')]);
    expect(result.standings).toEqual([{ partnerId: 'A', metric: '6000', qualified: true, bonus: '1000.00' }]);
  });

  it('breaks equal remainders by larger metric, then earlier enrollment', () => {
    const three = { ...pool, amount: '100.00', goal: '0' };
    const tie = close(
      [credit('o1', 'A', '1', '2026-01-10T00:00:00Z'), credit('o2', 'B', '1', '2026-01-10T00:00:00Z'), credit('o3', 'C', '1', '2026-01-10T00:00:00Z')],
      [enrolled('A', '2025-03-01T00:00:00Z'), enrolled('B', '2025-01-01T00:00:00Z'), enrolled('C', '2025-02-01T00:00:00Z')],
      { pool: three },
    );
    expect(Object.fromEntries(tie.entries.map((e) => [e.partnerId, e.amount]))).toEqual({ B: '33.34', C: '33.33', A: '33.33' });
  });

  it('no qualifier, no bonus; partners not approved at closing are not measured', () => {
    expect(close([credit('o1', 'A', '100', '2026-01-10T00:00:00Z')], [enrolled('A')]).entries).toEqual([]);
    const ended = { ...enrolled('A'), endedAt: '2026-04-01T00:00:00Z' };
    expect(close([credit('o1', 'A', '9000', '2026-01-10T00:00:00Z')], [ended]).standings).toEqual([]);
  });

  it('refuses a period that has not ended', () => {
    expect(() => close([], [], { closingAt: '2026-03-31T23:59:59Z' })).toThrow(EngineError);
  });
});

describe('closing a customers pool', () => {
  it('counts distinct customers newly bound in member programs during the period', () => {
    const result = closePoolPeriod({
      pool: { ...pool, metric: 'customers', goal: '1', amount: '90' },
      period: '2026-Q1',
      closingAt: '2026-04-01T00:00:00Z',
      units: [],
      enrollments: [enrolled('A'), enrolled('B')],
      bindings: [
        { programId: 'P', customerId: 'c1', boundAt: '2026-01-05T00:00:00Z', source: 'attribution', shares: [{ partnerId: 'A', share: '1/2' }, { partnerId: 'B', share: '1/2' }] },
        { programId: 'R', customerId: 'c1', boundAt: '2026-01-06T00:00:00Z', source: 'manual', shares: [{ partnerId: 'A', share: '1' }] },
        { programId: 'P', customerId: 'c2', boundAt: '2026-02-05T00:00:00Z', source: 'attribution', shares: [{ partnerId: 'A', share: '1' }] },
        { programId: 'P', customerId: 'c3', boundAt: '2025-12-31T23:59:59Z', source: 'attribution', shares: [{ partnerId: 'B', share: '1' }] },
        { programId: 'X', customerId: 'c4', boundAt: '2026-02-05T00:00:00Z', source: 'attribution', shares: [{ partnerId: 'B', share: '1' }] },
      ],
    });
    expect(result.standings).toEqual([
      { partnerId: 'A', metric: '2', qualified: true, bonus: '90.00' },
      { partnerId: 'B', metric: '1', qualified: false, bonus: null },
    ]);
  });
});
