import { describe, expect, it } from 'vitest';
import { customerWords, maskEmail, readableExact, recurringMonth, shareWords, splitWords } from '../../lib/explain/partner-words';
import { Decimal } from '../../lib/engine';

// The portal's small words: what a partner may see of a customer, which month of a recurring share
// an order is, shares as percentages, and long converted amounts.

describe('customers as a partner sees them', () => {
  it.each([
    ['jane@acme.com', 'j•••@acme.com'],
    ['J.Doe+tag@mail.acme.co.uk', 'J•••@mail.acme.co.uk'],
    ['x@y.z', 'x•••@y.z'],
    ['not-an-email', '•••'],
  ])('%s is masked as %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it.each([
    [{ name: 'Jane Doe', company: 'Acme Corp', email: 'jane@acme.com' }, {}, 'Jane Doe, Acme Corp'],
    [{ company: 'Acme Corp', email: 'jane@acme.com' }, {}, 'Acme Corp'],
    [{ name: '  ', email: 'jane@acme.com' }, {}, 'j•••@acme.com'],
    [{ email: 'jane@acme.com' }, { showEmails: true }, 'jane@acme.com'],
    [{ email: null }, {}, null],
    [null, {}, null],
  ] as const)('%j → %s', (customer, opts, words) => expect(customerWords(customer, opts)).toBe(words));
});

describe('the month of a recurring share', () => {
  it.each([
    ['2026-01-15T00:00:00Z', '2026-01-15T00:00:00Z', 1],
    ['2026-01-15T00:00:00Z', '2026-02-14T23:59:59Z', 1],
    ['2026-01-15T00:00:00Z', '2026-02-15T00:00:00Z', 2],
    // Jan 31 + 1 month is Feb 28 (the engine's clamping), so 28 Feb starts month 2
    ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z', 2],
    ['2026-01-15T00:00:00Z', '2029-01-15T00:00:00Z', 37],
  ])('bound %s, order %s: month %i', (bound, at, month) => expect(recurringMonth(bound, at)).toBe(month));

  it('has no month for an order before the binding or a missing date', () => {
    expect(recurringMonth('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z')).toBeNull();
    expect(recurringMonth(undefined, '2026-01-01T00:00:00Z')).toBeNull();
  });
});

describe('shares and amounts in words', () => {
  it.each([['1', '100%'], ['0.4', '40%'], ['1/3', 'about 33.33%'], ['2/15', 'about 13.33%'], ['1/8', '12.5%']])('%s is %s', (share, words) => expect(shareWords(share)).toBe(words));
  it('a split, own share first', () => expect(splitWords(new Decimal('0.6'), new Decimal('0.4'))).toBe('60/40'));
  it.each([
    ['82.7115', 'USD', '82.7115 USD'],
    ['1841.791044776119402985074626865671641791', 'JPY', 'about 1,841.79 JPY'],
    ['833.3333333333333333333333333333333333333', 'EUR', 'about 833.3333 EUR'],
  ])('%s %s reads %s', (amount, unit, words) => expect(readableExact(amount, unit)).toBe(words));
});
