import { periodWords } from './bonus';
import { closedPeriodSentence, goalWords, sharingWords, type PartnerPoolTerms } from './partner-pool';
import type { PartnerEntryFacts, PartnerExplanation } from './partner-types';
import { PARTNER_METRIC_WORDS } from './partner-words';
import type { Line } from './types';
import { day, list, obj, plural, str } from './words';

/**
 * A pool bonus in the partner's words: the pool and period, what it counted, the partner's own
 * figure against the goal, how many partners qualified (a count: others' figures stay private)
 * and the partner's part of the pool.
 */
export function explainBonusForPartner(f: PartnerEntryFacts): PartnerExplanation {
  const x = f.explanation;
  const pool = obj(x.pool) ?? {};
  const metric = str(x.metric) ?? 'revenue';
  const terms: PartnerPoolTerms = { metric, goal: str(x.goal) ?? '0', amount: str(x.poolAmount) ?? '0', unit: f.unit, baseCurrency: f.baseCurrency };
  const standings = list(x.standings);
  const qualifiers = standings.filter((s) => s.qualified === true).length;
  const mine = { metric: str(x.partnerMetric) ?? '0', qualified: true, bonus: f.amount };
  const name = f.poolName ?? 'The performance pool';
  const payable = `payable from ${day(f.payableAt instanceof Date ? f.payableAt : new Date(f.payableAt))}`;
  const headline = `${name}, ${str(pool.period)}: ${lowerFirst(closedPeriodSentence(terms, mine, qualifiers))}; ${payable}`;

  const words = (PARTNER_METRIC_WORDS as Record<string, (base: string) => string>)[metric];
  const lines: Line[] = [
    { text: `${name} closed the period ${periodWords(pool)}.` },
    { text: `It counts ${words ? words(f.baseCurrency) : 'each partner’s results'}.` },
    { text: `Partners above ${goalWords(terms)} qualify, and ${sharingWords(terms)}.` },
    { text: `${closedPeriodSentence(terms, mine, qualifiers)}.`, tone: 'good' },
    { text: `${plural(standings.length, 'partner')} ${standings.length === 1 ? 'was' : 'were'} measured; their figures stay private. The parts are rounded so that they add up to the pool exactly.`, tone: 'muted' },
  ];
  return { headline, sections: [{ key: 'pool', title: 'Performance bonus', lines }] };
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
