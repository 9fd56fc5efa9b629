import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { saveSecret } from '../../lib/server/secrets';
import { coupons, ledgerEntries, workspaces } from '../../db/schema';
import { fixture, stripePoster, type Json } from '../fixtures/stripe/purchase';

// In a webhook Stripe names a promotion code by its id (promo_…), not by the code the shopper typed,
// and the coupon behind it by the Stripe coupon's id (random unless the merchant chose it). A
// partner's coupon must still be matched: by the id Stripe showed us next to its code, or the one
// entered in the console.

const db = testDatabase();
const stripeRoute = await import('../../app/api/v1/integrations/stripe/[workspace]/route');
const SECRET = 'whsec_test_PLpromotionCodesSecret01';
const post = stripePoster(stripeRoute.POST, SECRET);

let slug: string;
let workspaceId: string;
let ben: string;

beforeAll(async () => {
  const tag = uniq('promo');
  const ids = await setUpScenario(db, {
    title: 'stripe promotion codes',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
    partners: [
      { key: 'ben', email: `${tag}-ben@partners.test`, enrollments: [{ program: 'ref' }], coupons: [{ code: 'BEN15' }] },
      { key: 'cleo', email: `${tag}-cleo@partners.test`, enrollments: [{ program: 'ref' }], coupons: [{ code: 'CLEO20' }, { code: 'CLEOOLD' }] },
    ],
    steps: [],
    expect: { entries: [] },
  });
  workspaceId = ids.workspaceId;
  ben = ids.partners.get('ben')!;
  [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  await saveSecret(db, workspaceId, 'stripe', SECRET);
});

/** A paid Checkout Session whose only discount is a promotion code named by its id, on a coupon with a random id. */
function checkoutWith(tag: string, promotionCode: string | Json): Json {
  const e = fixture('checkout.session.completed.json');
  Object.assign(e, { id: `evt_${tag}` });
  Object.assign(e.data.object, { id: `cs_test_${tag}`, payment_intent: `pi_${tag}`, customer: `cus_${tag}`, discounts: [{ coupon: 'k8Qw3LmN', promotion_code: promotionCode }] });
  return e;
}

const promotionCodeEvent = (id: string, code: string, opts: { type?: string; active?: boolean } = {}) => {
  const e = fixture('promotion_code.created.json');
  Object.assign(e, { id: `evt_${id}`, type: opts.type ?? 'promotion_code.created' });
  Object.assign(e.data.object, { id, code, active: opts.active ?? true });
  return e;
};

const couponOf = async (code: string) => (await db.select().from(coupons).where(and(eq(coupons.workspaceId, workspaceId), eq(coupons.code, code))))[0]!;
const creditOf = (order: string) =>
  db.select({ partnerId: ledgerEntries.partnerId, amount: ledgerEntries.amount }).from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.orderRef, order)));

describe('Stripe promotion codes', () => {
  it('learns a promotion code id from promotion_code.created and credits the coupon partner of an order naming only the id', async () => {
    const res = await post(slug, fixture('promotion_code.created.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ recorded: true });
    expect(await couponOf('BEN15')).toMatchObject({ stripePromotionCodeId: 'promo_1PLtestBen15' });

    const tag = uniq('ord');
    const order = await post(slug, checkoutWith(tag, 'promo_1PLtestBen15'));
    expect(order.status).toBe(200);
    // 120.00 − 12.00 discount = 108.00; 10% to Ben
    expect(await creditOf(`pi_${tag}`)).toEqual([{ partnerId: ben, amount: '10.80' }]);
  });

  it('credits no one for an id no coupon carries, and still records the order', async () => {
    const tag = uniq('ord');
    const res = await post(slug, checkoutWith(tag, 'promo_1PLtestUnknown'));
    expect(await res.json()).toMatchObject({ id: `pi_${tag}`, status: 'processed', entries: [] });
  });

  it('learns the id from an expanded promotion code in a discount, for this order and later ones', async () => {
    const tag = uniq('ord');
    await post(slug, checkoutWith(tag, { id: 'promo_1PLtestCleo20', object: 'promotion_code', code: 'cleo20', active: true }));
    expect(await couponOf('CLEO20')).toMatchObject({ stripePromotionCodeId: 'promo_1PLtestCleo20' });
    expect(await creditOf(`pi_${tag}`)).toHaveLength(1);
    const later = uniq('ord');
    await post(slug, checkoutWith(later, 'promo_1PLtestCleo20'));
    expect(await creditOf(`pi_${later}`)).toEqual([{ partnerId: (await couponOf('CLEO20')).partnerId, amount: '10.80' }]);
  });

  it('matches an id entered in the console (stored on the coupon)', async () => {
    await db.update(coupons).set({ stripePromotionCodeId: 'promo_1PLtestEnteredByHand' }).where(and(eq(coupons.workspaceId, workspaceId), eq(coupons.code, 'CLEOOLD')));
    const tag = uniq('ord');
    await post(slug, checkoutWith(tag, 'promo_1PLtestEnteredByHand'));
    expect(await creditOf(`pi_${tag}`)).toEqual([{ partnerId: (await couponOf('CLEOOLD')).partnerId, amount: '10.80' }]);
  });

  it('lets an active promotion code of the same code take over, never an inactive one, and never an id another coupon has', async () => {
    await post(slug, promotionCodeEvent('promo_1PLtestBen15Expired', 'BEN15', { type: 'promotion_code.updated', active: false }));
    expect(await couponOf('BEN15')).toMatchObject({ stripePromotionCodeId: 'promo_1PLtestBen15' });
    await post(slug, promotionCodeEvent('promo_1PLtestBen15Again', 'ben15'));
    expect(await couponOf('BEN15')).toMatchObject({ stripePromotionCodeId: 'promo_1PLtestBen15Again' });
    // CLEO20's id named with another code: it stays with CLEO20
    const res = await post(slug, promotionCodeEvent('promo_1PLtestCleo20', 'BEN15'));
    expect(res.status).toBe(200);
    expect(await couponOf('BEN15')).toMatchObject({ stripePromotionCodeId: 'promo_1PLtestBen15Again' });
    expect(await couponOf('CLEO20')).toMatchObject({ stripePromotionCodeId: 'promo_1PLtestCleo20' });
  });

  it('answers a promotion code without a coupon of that code 200, changing nothing', async () => {
    const res = await post(slug, promotionCodeEvent('promo_1PLtestNobody', 'NOBODY'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ recorded: true, reason: expect.stringMatching(/no coupon/) });
  });
});
