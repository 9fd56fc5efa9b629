import { explainBonus } from './bonus';
import { explainCommission } from './commission';
import { explainAdjustment } from './refund';
import type { ExplainContext, ExplainSection, JsonObject } from './types';
import { obj } from './words';

/**
 * Any ledger entry's explanation in plain words, whichever decision wrote it: a commission of an
 * order or milestone, a reversal or clawback of a refund, or a pool bonus. The shape tells them
 * apart, so entries written before a field existed still read correctly.
 */
export function explainEntry(explanation: JsonObject, ctx: ExplainContext, partnerId?: string): ExplainSection[] {
  if (obj(explanation.pool)) return explainBonus(explanation, ctx, partnerId);
  if (obj(explanation.refund)) return explainAdjustment(explanation, ctx);
  return explainCommission(explanation, ctx);
}

export type { ExplainContext, ExplainSection, JsonObject, Line } from './types';
