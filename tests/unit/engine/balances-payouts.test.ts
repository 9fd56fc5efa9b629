import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBalances, Decimal, planPayoutBatch, type LedgerEntryState } from '../../../lib/engine';

let seq = 0;
function entry(amount: string, payableAt: string, extra: Partial<LedgerEntryState> = {}): LedgerEntryState {
  seq += 1;
  return {
    id: `e${seq}`,
    partnerId: 'a',
    kind: 'commission',
    amount,
    unit: 'USD',
    programId: 'P',
    rule: 'one_time_share',
    orderId: 'o1',
    payableAt,
    reversesEntryId: null,
    payout: null,
    ...extra,
  };
}

const units = [{ key: 'points', label: 'Points', precision: 0, baseValue: '0.01' }];

describe('balances at T', () => {
  it('splits entries into pending, payable, processing and paid', () => {
    const entries = [
      entry('10.00', '2026-02-01T00:00:00Z'),
      entry('20.00', '2026-01-31T23:59:59Z'),
      entry('-5.00', '2026-01-01T00:00:00Z', { kind: 'clawback' }),
      entry('30.00', '2026-01-01T00:00:00Z', { payout: { id: 'p1', status: 'processing' } }),
      entry('40.00', '2026-01-01T00:00:00Z', { payout: { id: 'p0', status: 'paid' } }),
      entry('75', '2026-01-01T00:00:00Z', { unit: 'points' }),
      entry('99.00', '2026-01-01T00:00:00Z', { createdAt: '2026-03-01T00:00:00Z' }),
    ];
    expect(computeBalances(entries, '2026-02-01T00:00:00Z', units)).toEqual([
      { partnerId: 'a', unit: 'USD', pending: '0.00', payable: '25.00', processing: '30.00', paid: '40.00' },
      { partnerId: 'a', unit: 'points', pending: '0', payable: '75', processing: '0', paid: '0' },
    ]);
    expect(computeBalances(entries, '2026-01-31T23:59:59Z', units)[0]).toMatchObject({ pending: '10.00', payable: '15.00' });
  });
});

describe('payout batches', () => {
  it.each<[string, string[], string | undefined, string | null]>([
    ['nets negative entries into the payout', ['100.00', '-25.00', '5.00'], '50', '80.00'],
    ['carries a negative balance forward', ['20.00', '-80.00'], undefined, null],
    ['carries a balance below the minimum forward', ['49.99'], '50', null],
    ['pays exactly the minimum', ['50.00'], '50', '50.00'],
    ['zero is never paid', ['10.00', '-10.00'], undefined, null],
  ])('%s', (_label, amounts, minimum, expected) => {
    const plan = planPayoutBatch({
      entries: amounts.map((a) => entry(a, '2026-01-01T00:00:00Z')),
      at: '2026-01-20T00:00:00Z',
      units: [],
      minimumPayout: minimum ? { USD: minimum } : {},
    });
    expect(plan.payouts[0]?.amount ?? null).toBe(expected);
    if (!expected) expect(plan.carriedForward).toHaveLength(1);
  });

  it('takes only payable entries in no payout, per partner and unit, within the limits', () => {
    const entries = [
      entry('10.00', '2026-01-01T00:00:00Z'),
      entry('10.00', '2026-03-01T00:00:00Z'),
      entry('10.00', '2026-01-01T00:00:00Z', { payout: { id: 'p', status: 'paid' } }),
      entry('7', '2026-01-01T00:00:00Z', { unit: 'points' }),
      entry('3.00', '2026-01-01T00:00:00Z', { partnerId: 'b' }),
    ];
    const all = planPayoutBatch({ entries, at: '2026-02-01T00:00:00Z', units });
    expect(all.payouts.map((p) => `${p.partnerId} ${p.amount} ${p.unit} ${p.entryIds.length}`).sort()).toEqual(['a 10.00 USD 1', 'a 7 points 1', 'b 3.00 USD 1']);
    const limited = planPayoutBatch({ entries, at: '2026-02-01T00:00:00Z', units, partnerIds: ['a'], unitKeys: ['USD'] });
    expect(limited.payouts.map((p) => `${p.partnerId} ${p.unit}`)).toEqual(['a USD']);
  });
});

describe('property: a payout never includes an entry twice, and holds exactly its entries sum', () => {
  it('holds for random ledgers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            partner: fc.constantFrom('a', 'b', 'c'),
            unit: fc.constantFrom('USD', 'points'),
            cents: fc.integer({ min: -10_000, max: 10_000 }),
            day: fc.integer({ min: 1, max: 28 }),
            inPayout: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const entries = rows.map((r) =>
            entry(r.unit === 'USD' ? new Decimal(r.cents).div(100).toFixed(2) : String(r.cents), `2026-01-${String(r.day).padStart(2, '0')}T00:00:00Z`, {
              partnerId: r.partner,
              unit: r.unit,
              payout: r.inPayout ? { id: 'old', status: 'paid' } : null,
            }),
          );
          const plan = planPayoutBatch({ entries: [...entries, ...entries], at: '2026-01-15T00:00:00Z', units, minimumPayout: { USD: '1' } });
          const ids = plan.payouts.flatMap((p) => p.entryIds);
          expect(new Set(ids).size).toBe(ids.length);
          for (const payout of plan.payouts) {
            const sum = payout.entryIds.reduce((acc, id) => acc.plus(entries.find((e) => e.id === id)!.amount), new Decimal(0));
            expect(sum.eq(payout.amount)).toBe(true);
            expect(sum.gt(0)).toBe(true);
            expect(payout.entryIds.every((id) => entries.find((e) => e.id === id)!.payout === null)).toBe(true);
          }
        },
      ),
    );
  });
});
