import { Decimal } from '../engine';
import { metricWords } from './domain-words';
import type { ExplainContext, ExplainSection, JsonObject, Line } from './types';
import { cap, day, list, money, nameOf, number, obj, share, str } from './words';

/** The period's first and last day: the stored end is the exclusive start of the next period. */
export function periodWords(pool: JsonObject): string {
  const end = str(pool.end);
  const lastDay = end ? new Date(new Date(end).getTime() - 1) : undefined;
  return `${str(pool.period)} (${day(pool.start)} to ${day(lastDay)})`;
}

function ratioOf(part: string | undefined, total: string | undefined): string | undefined {
  if (!part || !total) return undefined;
  try {
    const t = new Decimal(total);
    return t.isZero() ? undefined : `${part}/${total}`;
  } catch {
    return undefined;
  }
}

/**
 * §6 in words: the pool and period, the metric and goal, every measured partner's contribution
 * (others anonymous when the names say so), and this partner's proportional share of the amount.
 */
export function explainBonus(x: JsonObject, ctx: ExplainContext, partnerId?: string): ExplainSection[] {
  const pool = obj(x.pool);
  if (!pool) return [];
  const unit = ctx.unit;
  const poolName = nameOf(ctx, pool.id, 'pool');
  const total = str(x.qualifiersMetricTotal);
  const lines: Line[] = [
    { text: `${poolName} was closed for ${periodWords(pool)}.` },
    { text: `Metric: ${metricWords(x.metric)}.` },
    { text: `Goal: more than ${number(x.goal)}. The partners strictly above it share ${money(x.poolAmount, unit)} in proportion to their metric.` },
  ];
  const mine = str(x.partnerMetric);
  const part = ratioOf(mine, total);
  if (mine && total) {
    lines.push({
      text: `This partner’s metric was ${number(mine)} of the qualifiers’ ${number(total)} in total${part ? `, ${share(fraction(part))} of the pool` : ''}.`,
      tone: 'good',
    });
  }
  lines.push({ text: 'Shares are rounded with the largest-remainder method (ties: larger metric, then earlier enrollment), so the bonuses add up to the pool amount exactly.', tone: 'muted' });

  const standings: Line[] = list(x.standings).map((s) => {
    const who = cap(nameOf(ctx, s.partnerId, 'partner'));
    const me = partnerId && str(s.partnerId) === partnerId ? ' (this entry)' : '';
    return s.qualified
      ? { text: `${who}${me}: ${number(s.metric)}, above the goal — bonus ${money(s.bonus, unit)}.`, tone: 'good' as const }
      : { text: `${who}${me}: ${number(s.metric)}, not above the goal — no bonus.`, tone: 'muted' as const };
  });
  const sections: ExplainSection[] = [{ key: 'pool', title: 'Performance pool', lines }];
  if (standings.length) sections.push({ key: 'standings', title: 'Every partner measured', lines: standings });
  return sections;
}

/** "3000/5000" as an exact decimal share when it terminates, else kept as a fraction of integers. */
function fraction(part: string): string {
  const [n, d] = part.split('/');
  const q = new Decimal(n).div(d);
  return q.decimalPlaces() <= 8 ? q.toFixed() : part.includes('.') ? q.toDecimalPlaces(8).toFixed() : part;
}
