import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRefundAdjustments, Decimal, type LedgerEntryState, type RuleType } from '../../../lib/engine';

function commission(id: string, rule: RuleType, amount: string, paid = false): LedgerEntryState {
  return {
    id,
    partnerId: 'a',
    kind: 'commission',
    amount,
    unit: 'USD',
    programId: 'P',
    rule,
    orderId: 'o1',
    payableAt: '2026-01-15T00:00:00.000Z',
    reversesEntryId: null,
    payout: paid ? { id: 'po1', status: 'paid' } : null,
  };
}

function refund(entries: LedgerEntryState[], amount: string | null, refundedBefore = '0', total = '1000') {
  return computeRefundAdjustments({
    refund: { id: 'r1', at: '2026-01-20T00:00:00Z', amount },
    order: { id: 'o1', total },
    refundedBefore,
    entries,
    units: [],
  });
}

describe('refund adjustments', () => {
  it.each<[string, RuleType, string, string | null, string, string | null]>([
    ['partial refund reverses share-based proportionally', 'one_time_share', '100.00', '250', '0', '-25.00'],
    ['recurring share too', 'recurring_share', '33.33', '100', '0', '-3.33'],
    ['rounded half-up: 10.01 × 0.5 = 5.005 → 5.01 remains', 'one_time_share', '10.01', '500', '0', '-5.00'],
    ['flat entry untouched by a partial refund', 'per_order', '5.00', '999.99', '0', null],
    ['flat entry reversed when fully refunded', 'per_customer', '50.00', null, '0', '-50.00'],
    ['milestone never reversed', 'milestone', '500.00', null, '0', null],
    ['refund beyond the total is capped at r = 1', 'one_time_share', '100.00', '5000', '0', '-100.00'],
  ])('%s', (_label, rule, original, amount, before, expected) => {
    const result = refund([commission('e1', rule, original)], amount, before);
    expect(result.entries.map((e) => e.amount)[0] ?? null).toBe(expected);
  });

  it('an order already fully refunded yields nothing more', () => {
    const original = commission('e1', 'one_time_share', '100.00');
    const reversed = { ...original, id: 'e2', kind: 'reversal' as const, amount: '-100.00', reversesEntryId: 'e1' };
    const result = refund([original, reversed], '10', '1000');
    expect(result.entries).toEqual([]);
    expect(result.appliedAmount).toBe('0');
  });

  it('the last refund reverses exactly what is left', () => {
    const original = commission('e1', 'one_time_share', '0.03');
    const first = refund([original], '333.33');
    expect(first.entries[0].amount).toBe('-0.01'); // 0.03 × 0.66667 = 0.02
    const stored = { ...original, ...first.entries[0], id: 'e2', payout: null } as LedgerEntryState;
    const second = refund([original, stored], '666.67', '333.33');
    expect(second.entries[0].amount).toBe('-0.02');
    expect(second.refundedFraction).toBe('1');
  });

  it('reversal keeps the original payable time; clawback is payable at the refund', () => {
    const result = refund([commission('e1', 'one_time_share', '100.00'), commission('e2', 'per_order', '5.00', true)], null);
    expect(result.entries.map((e) => [e.kind, e.reversesEntryId, e.payableAt, e.amount])).toEqual([
      ['reversal', 'e1', '2026-01-15T00:00:00.000Z', '-100.00'],
      ['clawback', 'e2', '2026-01-20T00:00:00.000Z', '-5.00'],
    ]);
    expect(result.entries[0]).toMatchObject({ rule: 'one_time_share', orderId: 'o1', programId: 'P', eventId: 'r1' });
  });

  it('ignores entries of other orders and non-commission entries', () => {
    const other = { ...commission('e9', 'one_time_share', '100.00'), orderId: 'o2' };
    expect(refund([other], null).entries).toEqual([]);
  });
});

describe('property: reversals never exceed the original, and a full refund nets to zero', () => {
  it('holds for any sequence of partial refunds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 100, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 6 }),
        (originalCents, totalCents, refundCents) => {
          const original = commission('e1', 'one_time_share', new Decimal(originalCents).div(100).toFixed(2));
          const entries: LedgerEntryState[] = [original];
          let before = new Decimal(0);
          const total = new Decimal(totalCents).div(100);
          for (const [i, cents] of [...refundCents, null].entries()) {
            const result = refund(entries, cents == null ? null : new Decimal(cents).div(100).toFixed(2), before.toFixed(), total.toFixed());
            for (const e of result.entries) entries.push({ ...original, ...e, id: `rev${i}`, payout: null });
            before = new Decimal(result.refundedTotal);
            const net = entries.reduce((acc, e) => acc.plus(e.amount), new Decimal(0));
            expect(net.gte(0)).toBe(true);
            expect(net.lte(original.amount)).toBe(true);
            expect(entries.slice(1).every((e) => new Decimal(e.amount).isNegative())).toBe(true);
          }
          expect(entries.reduce((acc, e) => acc.plus(e.amount), new Decimal(0)).isZero()).toBe(true);
        },
      ),
    );
  });
});
