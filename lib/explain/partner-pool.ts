import type { Json } from '../engine';
import { metricValue, percentOf } from './partner-words';
import { money, plural, str } from './words';

// A performance pool in the partner's words, for its bonus entries and the portal's bonuses page.
// Only the partner's own figure and counts of other partners ever appear: never their metrics.

export interface PartnerPoolTerms {
  metric: string;
  goal: string;
  /** the pool's amount per period, in `unit` */
  amount: string;
  unit: string;
  /** revenue metrics and goals are in the workspace's base currency */
  baseCurrency: string;
}

const SHARED_BY: Record<string, string> = { revenue: 'by their revenue', customers: 'by their number of new customers' };

/** "You referred 1,725.00 USD of revenue", "You referred 12 new customers" */
export function referredWords(terms: PartnerPoolTerms, value: Json | undefined): string {
  return terms.metric === 'customers'
    ? `You referred ${plural(Number(str(value) ?? 0), 'new customer')}`
    : `You referred ${metricValue(terms.metric, value, terms.baseCurrency)} of revenue`;
}

/** "the 1,000.00 USD goal", "the goal of 10 new customers" */
export function goalWords(terms: PartnerPoolTerms): string {
  return terms.metric === 'customers' ? `the goal of ${plural(Number(terms.goal), 'new customer')}` : `the ${money(terms.goal, terms.baseCurrency)} goal`;
}

/** "the 5,000.00 USD pool is shared among qualifying partners by their revenue" */
export function sharingWords(terms: PartnerPoolTerms): string {
  return `the ${money(terms.amount, terms.unit)} pool is shared among the partners above the goal ${SHARED_BY[terms.metric] ?? 'by their results'}`;
}

/**
 * The current period so far: "Revenue you referred this quarter: 12,400.00 USD of the 10,000.00
 * USD goal — you qualify so far; 3 partners qualify so far; the 5,000.00 USD pool is shared …".
 * `qualifiers` counts every partner above the goal now, the partner included.
 */
export function poolProgressSentence(terms: PartnerPoolTerms, periodKind: string, mine: string, aboveGoal: boolean, qualifiers: number): string {
  const name = terms.metric === 'customers' ? 'New customers you referred' : 'Revenue you referred';
  const of = terms.metric === 'customers' ? `${metricValue(terms.metric, mine, terms.baseCurrency)} against ${goalWords(terms)}` : `${metricValue(terms.metric, mine, terms.baseCurrency)} of ${goalWords(terms)}`;
  const standing = aboveGoal ? 'you qualify so far' : 'you qualify once you are above the goal';
  const others = qualifiers === 0 ? 'nobody qualifies so far' : `${plural(qualifiers, 'partner')} ${qualifiers === 1 ? 'qualifies' : 'qualify'} so far`;
  return `${name} this ${periodKind}: ${of} — ${standing}; ${others}; ${sharingWords(terms)}.`;
}

/**
 * A closed period from the partner's side: its own figure, whether it was above the goal, how
 * many partners qualified, and its bonus with its part of the pool.
 */
export function closedPeriodSentence(
  terms: PartnerPoolTerms,
  mine: { metric: string; qualified: boolean; bonus: string | null },
  qualifiers: number,
): string {
  const figure = referredWords(terms, mine.metric);
  const shared = qualifiers
    ? `${plural(qualifiers, 'partner')} qualified and shared the ${money(terms.amount, terms.unit)} pool ${SHARED_BY[terms.metric] ?? 'by their results'}`
    : 'nobody qualified';
  if (!mine.qualified) return `${figure}, not above ${goalWords(terms)}, so no bonus; ${shared}`;
  const part = percentOf(mine.bonus, terms.amount);
  return `${figure}, above ${goalWords(terms)}; ${shared}; your bonus: ${money(mine.bonus ?? '0', terms.unit)}${part ? ` (${part} of the pool)` : ''}`;
}
