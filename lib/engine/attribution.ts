import { addRatio, ratio, RATIO_ONE, RATIO_ZERO, type Ratio } from './ratio';
import type { Touch } from './touches';
import type { AttributionModel } from './types';

/** One partner's credit. Lists of these are kept in first-touch order, which breaks rounding ties. */
export interface PartnerShare {
  partnerId: string;
  share: Ratio;
}

/** Weight of each touch position under a positional model; they sum to exactly 1. */
function touchWeights(model: Exclude<AttributionModel, 'equal_split'>, count: number): Ratio[] {
  const weights: Ratio[] = new Array<Ratio>(count).fill(RATIO_ZERO);
  if (model === 'first_touch') weights[0] = RATIO_ONE;
  else if (model === 'last_touch') weights[count - 1] = RATIO_ONE;
  else if (count === 1) weights[0] = RATIO_ONE;
  else if (count === 2) weights.fill(ratio(1, 2));
  else weights.forEach((_, i) => (weights[i] = i === 0 || i === count - 1 ? ratio(2, 5) : ratio(1, 5 * (count - 2))));
  return weights;
}

/**
 * Shares per partner from ordered touches (§4.2). Exact fractions: a partner's share is the sum
 * of its touches' weights (position_based) or an equal part per distinct partner (equal_split).
 * Partners with a zero share (e.g. a middle-only partner under first_touch) are left out.
 */
export function attributeTouches(model: AttributionModel, touches: readonly Touch[]): PartnerShare[] {
  const order: string[] = [];
  for (const t of touches) if (!order.includes(t.partnerId)) order.push(t.partnerId);
  if (order.length === 0) return [];
  if (model === 'equal_split') return order.map((partnerId) => ({ partnerId, share: ratio(1, order.length) }));

  const weights = touchWeights(model, touches.length);
  const byPartner = new Map<string, Ratio>(order.map((p) => [p, RATIO_ZERO]));
  touches.forEach((t, i) => byPartner.set(t.partnerId, addRatio(byPartner.get(t.partnerId)!, weights[i])));
  return order.map((partnerId) => ({ partnerId, share: byPartner.get(partnerId)! })).filter((s) => s.share.n > 0n);
}

/** Coupon override: the coupons' partners share equally, in the order the coupons were listed. */
export function couponOverrideShares(partnerIds: readonly string[]): PartnerShare[] {
  return partnerIds.map((partnerId) => ({ partnerId, share: ratio(1, partnerIds.length) }));
}
