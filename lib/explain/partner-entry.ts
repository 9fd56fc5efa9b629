import { explainBonusForPartner } from './partner-bonus';
import { explainCommissionForPartner } from './partner-commission';
import { explainAdjustmentForPartner } from './partner-refund';
import type { PartnerEntryFacts, PartnerExplanation } from './partner-types';
import { obj } from './words';

/**
 * One of the partner's own entries in the portal's words, whichever decision wrote it: a
 * commission of an order or milestone, a reversal or clawback of a refund, or a pool bonus. Like
 * the console's explainEntry, the stored shape tells them apart.
 */
export function explainEntryForPartner(facts: PartnerEntryFacts): PartnerExplanation {
  if (obj(facts.explanation.pool)) return explainBonusForPartner(facts);
  if (obj(facts.explanation.refund)) return explainAdjustmentForPartner(facts);
  return explainCommissionForPartner(facts);
}

export type { PartnerEntryFacts, PartnerExplanation } from './partner-types';
