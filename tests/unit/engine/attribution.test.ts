import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeTouches, couponOverrideShares, formatRatio, parseRatio, ratio, type AttributionModel, type Touch } from '../../../lib/engine';
import { sumRatios } from '../../../lib/engine/ratio';

function touches(partners: string): Touch[] {
  return [...partners].map((partnerId, i) => ({ kind: 'click', ref: `t${i}`, partnerId, at: i, seq: i }));
}

function shares(model: AttributionModel, partners: string): Record<string, string> {
  return Object.fromEntries(attributeTouches(model, touches(partners)).map((s) => [s.partnerId, formatRatio(s.share)]));
}

describe('attribution models', () => {
  it.each<[AttributionModel, string, Record<string, string>]>([
    ['first_touch', 'abc', { a: '1' }],
    ['last_touch', 'abc', { c: '1' }],
    ['last_touch', 'a', { a: '1' }],
    ['equal_split', 'abca', { a: '1/3', b: '1/3', c: '1/3' }],
    ['equal_split', 'ab', { a: '0.5', b: '0.5' }],
    ['position_based', 'a', { a: '1' }],
    ['position_based', 'ab', { a: '0.5', b: '0.5' }],
    ['position_based', 'aa', { a: '1' }],
    ['position_based', 'abc', { a: '0.4', b: '0.2', c: '0.4' }],
    ['position_based', 'xyzx', { x: '0.8', y: '0.1', z: '0.1' }],
    ['position_based', 'abcde', { a: '0.4', b: '1/15', c: '1/15', d: '1/15', e: '0.4' }],
    ['position_based', 'abbbc', { a: '0.4', b: '0.2', c: '0.4' }],
  ])('%s over %s', (model, partners, expected) => {
    expect(shares(model, partners)).toEqual(expected);
  });

  it('keeps partners in first-touch order', () => {
    expect(attributeTouches('equal_split', touches('cab')).map((s) => s.partnerId)).toEqual(['c', 'a', 'b']);
  });

  it('coupon override splits equally', () => {
    expect(couponOverrideShares(['x', 'y', 'z']).map((s) => formatRatio(s.share))).toEqual(['1/3', '1/3', '1/3']);
  });

  it('shares round-trip through their text form', () => {
    for (const r of [ratio(1, 3), ratio(2, 5), ratio(1, 15), ratio(1)]) expect(parseRatio(formatRatio(r))).toEqual(r);
    expect(parseRatio('0.50')).toEqual(ratio(1, 2));
  });
});

describe('property: shares sum to exactly 1', () => {
  it.each<AttributionModel>(['first_touch', 'last_touch', 'equal_split', 'position_based'])('%s', (model) => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { minLength: 1, maxLength: 30 }), (partners) => {
        const result = attributeTouches(model, touches(partners.join('')));
        expect(sumRatios(result.map((s) => s.share))).toEqual(ratio(1));
        expect(result.every((s) => s.share.n > 0n)).toBe(true);
      }),
    );
  });
});
