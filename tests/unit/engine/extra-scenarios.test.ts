import { describe, expect, it } from 'vitest';
import { replayScenario } from './replay';
import { compareWithExpectation } from '../../../scripts/scenarios/compare';
import type { Scenario } from '../../../scripts/scenarios/format';

/** Hand-computed stories for behaviour the shared scenarios do not exercise. */
const specialAgreementAndFx: Scenario = {
  title: 'A special agreement is computed apart; an order is refused while a program unit has no FX rate',
  workspace: { baseCurrency: 'USD', fxRates: [{ currency: 'EUR', rate: '1.25', from: '2026-02-01T00:00:00Z' }] },
  programs: [
    { key: 'ref', unit: 'USD', model: 'equal_split', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] },
    { key: 'eu', unit: 'EUR', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'per_order', amount: '5' }] },
  ],
  partners: [
    { key: 'p1', email: 'p1@x.test', enrollments: [{ program: 'ref', rewards: [{ type: 'one_time_share', percent: '20' }] }], links: [{ code: 'p1-link' }] },
    { key: 'p2', email: 'p2@x.test', enrollments: [{ program: 'ref' }], links: [{ code: 'p2-link' }] },
    { key: 'p3', email: 'p3@x.test', enrollments: [{ program: 'ref' }], links: [{ code: 'p3-link' }] },
  ],
  steps: [
    { at: '2026-01-20T00:00:00Z', click: { link: 'p1-link', visitor: 'v1' } },
    { at: '2026-01-21T00:00:00Z', click: { link: 'p2-link', visitor: 'v1' } },
    { at: '2026-01-22T00:00:00Z', click: { link: 'p3-link', visitor: 'v1' } },
    { at: '2026-01-25T00:00:00Z', order: { id: 'o1', customer: 'c1', visitor: 'v1', currency: 'USD', lines: [{ amount: '100.00' }] } },
    { at: '2026-02-02T00:00:00Z', order: { id: 'o2', customer: 'c1', visitor: 'v1', currency: 'USD', lines: [{ amount: '100.00' }] } },
  ],
  expect: {
    entries: [
      // p1 alone: 20% × 100 × 1/3 = 6.67; p2 and p3: 10% × 100 × 2/3 = 6.67 split 3.34 / 3.33
      { partner: 'p1', program: 'ref', kind: 'commission', rule: 'one_time_share', order: 'o2', amount: '6.67', unit: 'USD' },
      { partner: 'p2', program: 'ref', kind: 'commission', rule: 'one_time_share', order: 'o2', amount: '3.34', unit: 'USD' },
      { partner: 'p3', program: 'ref', kind: 'commission', rule: 'one_time_share', order: 'o2', amount: '3.33', unit: 'USD' },
    ],
  },
};

const couponTouchAndDuplicates: Scenario = {
  title: 'Coupons as touches, partner codes, and a duplicate click inside the hour under position_based',
  workspace: { baseCurrency: 'USD' },
  programs: [
    { key: 'pb', unit: 'USD', model: 'position_based', windowDays: 30, couponPrecedence: 'touch', holdDays: 0, rewards: [{ type: 'per_order', amount: '10.00' }] },
  ],
  partners: [
    { key: 'a', email: 'a@x.test', enrollments: [{ program: 'pb' }], links: [{ code: 'a-link' }] },
    { key: 'b', email: 'b@x.test', enrollments: [{ program: 'pb' }], coupons: [{ code: 'BCODE' }] },
    { key: 'c', email: 'c@x.test', enrollments: [{ program: 'pb' }], links: [{ code: 'c-link' }] },
  ],
  steps: [
    { at: '2026-03-01T10:00:00Z', click: { link: 'a-link', visitor: 'v1' } },
    { at: '2026-03-01T10:30:00Z', click: { link: 'a-link', visitor: 'v1' } },
    { at: '2026-03-02T00:00:00Z', click: { link: 'c-link', visitor: 'v1' } },
    { at: '2026-03-05T00:00:00Z', order: { id: 'o1', customer: 'c1', visitor: 'v1', currency: 'USD', partnerCode: 'a-link', coupons: ['BCODE'], lines: [{ amount: '50.00' }] } },
  ],
  expect: {
    // touches a, c, a(code), b(coupon): a 0.4 + 0.1, c 0.1, b 0.4
    entries: [
      { partner: 'a', program: 'pb', kind: 'commission', rule: 'per_order', order: 'o1', amount: '5.00', unit: 'USD' },
      { partner: 'c', program: 'pb', kind: 'commission', rule: 'per_order', order: 'o1', amount: '1.00', unit: 'USD' },
      { partner: 'b', program: 'pb', kind: 'commission', rule: 'per_order', order: 'o1', amount: '4.00', unit: 'USD' },
    ],
  },
};

describe('extra replayed stories', () => {
  it('special agreement and fx refusal', () => {
    const result = replayScenario(specialAgreementAndFx);
    expect(compareWithExpectation(specialAgreementAndFx, result)).toEqual([]);
    expect(result.refused).toEqual([{ step: 3, code: 'fx_rate_missing' }]);
  });

  it('coupon touch precedence and duplicate clicks', () => {
    expect(compareWithExpectation(couponTouchAndDuplicates, replayScenario(couponTouchAndDuplicates))).toEqual([]);
  });
});
