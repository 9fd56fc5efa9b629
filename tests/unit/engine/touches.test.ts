import { describe, expect, it } from 'vitest';
import { classifyClicks, gatherProgramTouches, type RewardContext } from '../../../lib/engine';
import { click, context, program } from './fixtures';

const AT = '2026-01-31T00:00:00.000Z';
const atMs = Date.parse(AT);

function gather(ctx: RewardContext, signals: Parameters<typeof gatherProgramTouches>[2]['signals'] = {}, email = 'buyer@example.com') {
  return gatherProgramTouches(ctx, ctx.programs[0], { customer: { externalId: 'c1', email }, signals, atMs });
}

describe('click window (0 <= eventTime - clickTime <= windowDays)', () => {
  it.each([
    ['exactly windowDays before', '2026-01-01T00:00:00.000Z', 'counted'],
    ['one ms beyond the window', '2025-12-31T23:59:59.999Z', 'outside_window'],
    ['at the event time', AT, 'counted'],
    ['after the event', '2026-01-31T00:00:00.001Z', 'outside_window'],
  ])('%s', (_label, at, expected) => {
    const result = gather(context({ clicks: [click('a', at)] }));
    expect(result.touches.length === 1 ? 'counted' : result.refused[0].reason).toBe(expected);
  });
});

describe('refused signals', () => {
  it('bots never count', () => {
    const result = gather(context({ clicks: [click('a', '2026-01-20T00:00:00Z', 'v1', { bot: true })] }));
    expect(result.touches).toEqual([]);
    expect(result.refused[0].reason).toBe('bot');
  });

  it('self-referral is ignored and flagged, case-insensitively, for every signal kind', () => {
    const ctx = context({
      clicks: [click('a', '2026-01-20T00:00:00Z')],
      deals: [{ id: 'd', partnerId: 'a', programId: 'P', registeredAt: '2026-01-02T00:00:00Z', expiresAt: null, match: { emailDomain: 'partners.test' } }],
    });
    const result = gather(ctx, { partnerCode: 'a-link', coupons: ['ACODE'] }, 'A@Partners.Test');
    expect(result.touches).toEqual([]);
    expect(result.couponPartners).toBeNull();
    expect(result.refused.map((r) => `${r.kind}:${r.reason}`).sort()).toEqual(
      ['click:self_referral', 'coupon:self_referral', 'deal:self_referral', 'partner_code:self_referral'],
    );
  });

  it('partners without an approved enrollment at the event time do not count', () => {
    const ctx = context({ clicks: [click('a', '2026-01-20T00:00:00Z')] });
    ctx.enrollments = ctx.enrollments.map((e) => (e.partnerId === 'a' ? { ...e, approvedAt: '2026-01-31T00:00:01Z' } : e));
    expect(gather(ctx).refused[0].reason).toBe('not_approved');
    ctx.enrollments = ctx.enrollments.map((e) => (e.partnerId === 'a' ? { ...e, approvedAt: '2026-01-01T00:00:00Z', endedAt: AT } : e));
    expect(gather(ctx).refused[0].reason).toBe('not_approved');
  });

  it('unknown codes are recorded, not fatal', () => {
    const result = gather(context(), { partnerCode: 'nope', coupons: ['NOPE'] });
    expect(result.refused.map((r) => r.reason)).toEqual(['unknown_code', 'unknown_code']);
  });
});

describe('duplicate clicks', () => {
  it('counts repeated clicks on the same link within one hour once', () => {
    const clicks = [
      click('a', '2026-01-20T10:00:00Z'),
      click('a', '2026-01-20T10:59:59Z'),
      click('a', '2026-01-20T11:00:00Z'),
      click('a', '2026-01-20T10:30:00Z', 'v2'),
      click('b', '2026-01-20T10:10:00Z'),
    ];
    const verdicts = classifyClicks(clicks);
    expect(clicks.map((c) => verdicts.get(c.id))).toEqual(['counted', 'duplicate_click', 'counted', 'counted', 'counted']);
  });
});

describe('deal registrations', () => {
  const deal = { id: 'd1', partnerId: 'a', programId: 'P', registeredAt: '2025-06-01T00:00:00Z', match: { email: 'Buyer@Example.com' } };

  it('touch at registration time, valid beyond the click window until expiry', () => {
    const result = gather(context({ deals: [{ ...deal, expiresAt: '2026-02-01T00:00:00Z' }] }));
    expect(result.touches).toMatchObject([{ kind: 'deal', partnerId: 'a', at: Date.parse(deal.registeredAt) }]);
  });

  it.each([
    ['expired exactly at the event', AT, 'deal_expired'],
    ['expired before', '2026-01-01T00:00:00Z', 'deal_expired'],
  ])('%s', (_label, expiresAt, reason) => {
    expect(gather(context({ deals: [{ ...deal, expiresAt }] })).refused[0].reason).toBe(reason);
  });

  it('only in its own program, only when matching', () => {
    expect(gather(context({ deals: [{ ...deal, programId: 'other', expiresAt: null }] })).touches).toEqual([]);
    expect(gather(context({ deals: [{ ...deal, match: { customerExternalId: 'c2' }, expiresAt: null }] })).touches).toEqual([]);
    expect(gather(context({ deals: [{ ...deal, match: { customerExternalId: 'c1' }, expiresAt: null }] })).touches).toHaveLength(1);
  });
});

describe('ordering and coupons', () => {
  it('orders by time, ties by arrival: clicks, then partner code, then coupons as listed', () => {
    const ctx = context({ programs: [program({ couponPrecedence: 'touch' })], clicks: [click('c', AT), click('b', '2026-01-30T00:00:00Z')] });
    const result = gather(ctx, { partnerCode: 'a-link', coupons: ['BCODE', 'ACODE'] });
    expect(result.touches.map((t) => `${t.kind}:${t.partnerId}`)).toEqual(['click:b', 'click:c', 'partner_code:a', 'coupon:b', 'coupon:a']);
    expect(result.couponPartners).toBeNull();
  });

  it('override: coupon partners in listed order, distinct', () => {
    const result = gather(context({ clicks: [click('c', '2026-01-30T00:00:00Z')] }), { coupons: ['bcode', 'ACODE', 'BCODE'] });
    expect(result.couponPartners).toEqual(['b', 'a']);
  });
});
