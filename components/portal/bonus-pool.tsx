import Link from 'next/link';
import type { PartnerPoolView } from '@/lib/server/portal-bonuses';
import { metricValue } from '@/lib/explain/partner-words';
import { goalWords } from '@/lib/explain/partner-pool';
import { formatAmount } from '@/lib/format';
import { joinWords } from '@/lib/explain/words';
import { PoolProgressChart } from '../charts/pool-progress-chart';
import { Badge, Card } from '../ui/card';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One pool from the partner's side: the period under way as a sentence and a chart of the
 * partner's own figure against the goal (only its own bar: others' figures stay private), then
 * every closed period it was measured in with its figure, result and bonus. The history's scroll
 * box is `relative`, so its screen-reader-only header cell stays inside it on a phone.
 */
export function BonusPool({ pool }: { pool: PartnerPoolView }) {
  const { terms, current } = pool;
  const value = (v: string) => metricValue(terms.metric, v, terms.baseCurrency);
  return (
    <Card
      title={pool.name}
      action={<span className="text-xs text-slate-500">{formatAmount(terms.amount, terms.unit)} every {pool.periodKind === 'year' ? 'year' : 'quarter'}</span>}
    >
      <p className="mb-4 text-sm text-slate-600">
        Counts your referrals in {joinWords(pool.programs) || 'the merchant’s pool programs'}; partners above {goalWords(terms)} share the pool.
      </p>
      {current ? (
        <section aria-label={`${current.period} so far`} className="mb-6" data-testid="bonus-current">
          <h3 className="mb-1 text-sm font-semibold text-slate-800">
            {current.period} so far <span className="font-normal text-slate-500">({day(current.start)} to {day(new Date(current.end.getTime() - 1))})</span>
          </h3>
          <p className="mb-3 text-sm leading-relaxed text-slate-800" data-testid="bonus-progress">{current.sentence}</p>
          <PoolProgressChart
            goal={terms.goal}
            goalLabel={value(terms.goal)}
            bars={[{ name: 'You', metric: current.metric, label: value(current.metric), aboveGoal: current.aboveGoal }]}
          />
        </section>
      ) : (
        <p className="mb-6 text-sm text-slate-500">No period is under way for you: the pool is paused, or you are no longer approved in its programs.</p>
      )}
      <h3 className="mb-2 text-sm font-semibold text-slate-800">Closed periods</h3>
      {pool.history.length === 0 ? (
        <p className="text-sm text-slate-500">No period has been closed with you in it yet.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="bonus-history">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Period</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">You</th>
                <th scope="col" className="px-3 py-2 font-medium">Result</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Bonus</th>
                <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Explanation</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {pool.history.map((h) => (
                <tr key={h.period} className="align-top">
                  <td className="whitespace-nowrap px-3 py-2 font-medium">{h.period}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{metricValue(h.terms.metric, h.metric, h.terms.baseCurrency)}</td>
                  <td className="min-w-[12rem] px-3 py-2 sm:min-w-[16rem]">
                    <Badge tone={h.qualified ? 'green' : 'slate'}>{h.qualified ? 'qualified' : 'not above the goal'}</Badge>
                    <p className="mt-1 text-xs leading-snug text-slate-600">{h.sentence}.</p>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{h.bonus ? formatAmount(h.bonus, h.terms.unit) : '—'}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {h.entryId ? <Link href={`/p/earnings/${h.entryId}`} className="text-xs font-medium text-brand-700 hover:underline">Why?</Link> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
