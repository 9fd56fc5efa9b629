import Decimal from 'decimal.js';
import { formatAmount, formatNumber, type UnitPrecision } from '@/lib/format';
import type { PoolStanding } from '@/lib/engine';
import { Badge } from '../ui/card';

export interface PoolTerms {
  metric: string;
  /** null for a closed period nobody qualified in: its goal is not recorded anywhere */
  goal: string | null;
  unit: string;
  /** the pool amount of this period, rounded to its unit */
  amount: string;
}

/** A metric in words with its unit: "12,345.00 USD of credited revenue" or "4 new customers". */
export function metricText(metric: string, value: string, baseCurrency: string): string {
  if (metric === 'revenue') return formatAmount(value, baseCurrency);
  const n = formatNumber(value);
  return `${n} new customer${value === '1' ? '' : 's'}`;
}

/** Why a partner gets its bonus, or none, in one sentence. */
function why(s: PoolStanding, terms: PoolTerms, total: Decimal, baseCurrency: string, units: readonly UnitPrecision[]): string {
  const measured = metricText(terms.metric, s.metric, baseCurrency);
  const goal = terms.goal === null ? 'the goal' : `the goal of ${metricText(terms.metric, terms.goal, baseCurrency)}`;
  if (!s.qualified) return `${measured} is not above ${goal}: no bonus.`;
  const share = total.isZero() ? new Decimal(0) : new Decimal(s.metric).div(total);
  const bonus = formatAmount(s.bonus ?? '0', terms.unit, { units });
  const amount = formatAmount(terms.amount, terms.unit, { units });
  const zero = new Decimal(s.bonus ?? '0').isZero() ? ' (rounds to nothing, so no entry is written)' : '';
  return `${measured} is above ${goal}: ${share.times(100).toDecimalPlaces(2).toFixed()}% of the qualifiers' ${metricText(terms.metric, total.toFixed(), baseCurrency)}, so ${bonus} of the ${amount}${zero}.`;
}

/**
 * Each measured partner's metric, whether they qualify, their bonus and why: for a closing
 * preview and for a closed period alike (the standings have the same shape).
 */
export function PoolStandings({ standings, names, terms, baseCurrency, units }: {
  standings: PoolStanding[];
  names: Record<string, string>;
  terms: PoolTerms;
  baseCurrency: string;
  units: readonly UnitPrecision[];
}) {
  if (standings.length === 0) return <p className="text-sm text-slate-500">No partner was approved in a member program: nobody to measure, no bonus.</p>;
  const qualifiers = standings.filter((s) => s.qualified);
  const total = qualifiers.reduce((acc, s) => acc.plus(s.metric), new Decimal(0));
  const rows = [...standings].sort((a, b) => new Decimal(b.metric).cmp(a.metric));
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        {qualifiers.length === 0
          ? `Nobody is above ${terms.goal === null ? 'the goal' : `the goal of ${metricText(terms.metric, terms.goal, baseCurrency)}`}: no bonus.`
          : `${qualifiers.length} of ${standings.length} partner${standings.length === 1 ? '' : 's'} above the goal share ${formatAmount(terms.amount, terms.unit, { units })} in proportion to their ${terms.metric === 'revenue' ? 'revenue' : 'new customers'}; rounding by largest remainder makes the bonuses add up to exactly that amount.`}
      </p>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="pool-standings">
        {rows.map((s) => (
          <li key={s.partnerId} className="flex flex-col gap-1 px-3 py-2 text-sm sm:flex-row sm:items-start sm:justify-between sm:gap-4">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{names[s.partnerId] ?? 'Unknown partner'}</p>
              <p className="text-xs text-slate-600">{why(s, terms, total, baseCurrency, units)}</p>
            </div>
            <div className="shrink-0 text-left tabular-nums sm:text-right">
              {s.qualified ? <Badge tone="green">bonus {formatAmount(s.bonus ?? '0', terms.unit, { units })}</Badge> : <Badge>below goal</Badge>}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
