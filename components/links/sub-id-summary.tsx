import Link from 'next/link';
import type { SubIdSummary } from '@/db/queries/portal-links-sub-ids';
import { formatNumber } from '@/lib/format';
import { OUTCOME_COLUMNS, outcomeCell, outcomeCellClass } from './link-numbers';

const th = 'px-4 py-2.5 font-medium';
const td = 'px-4 py-2.5';

/**
 * "By sub-id": one row per sub-id (and one for links without), the busiest first, with a total
 * row for all links. Each sub-id filters the links table below.
 */
export function SubIdSummaryTable({ summary, currency, active }: { summary: SubIdSummary; currency: string; active?: string }) {
  const shown = summary.rows.length;
  return (
    <div className="flex flex-col gap-2">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className={`${th} min-w-[8rem]`}>Sub-id</th>
              <th scope="col" className={`${th} text-right`}>Links</th>
              {OUTCOME_COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={`${th} ${outcomeCellClass}`} title={c.title}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {summary.rows.map((r) => (
              <tr key={r.subId ?? ''} className={r.subId !== null && r.subId === active ? 'bg-brand-50' : undefined}>
                <th scope="row" className={`${td} text-left font-normal`}>
                  {r.subId === null ? (
                    <span className="whitespace-nowrap text-slate-500">No sub-id</span>
                  ) : (
                    <Link href={`/p/links?sub=${encodeURIComponent(r.subId)}`} className="break-all font-mono text-xs text-brand-700 hover:underline">{r.subId}</Link>
                  )}
                </th>
                <td className={`${td} ${outcomeCellClass}`}>{formatNumber(r.links)}</td>
                {OUTCOME_COLUMNS.map((c) => (
                  <td key={c.key} className={`${td} ${outcomeCellClass}`}>{outcomeCell(r, c.key, currency)}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-medium">
            <tr>
              <th scope="row" className={`${td} whitespace-nowrap text-left`}>All links</th>
              <td className={`${td} ${outcomeCellClass}`}>{formatNumber(summary.all.links)}</td>
              {OUTCOME_COLUMNS.map((c) => (
                <td key={c.key} className={`${td} ${outcomeCellClass}`}>{outcomeCell(summary.all, c.key, currency)}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      {summary.groups > shown ? (
        <p className="text-xs text-slate-500">The {shown} busiest of {formatNumber(summary.groups)} sub-ids are shown; the total covers all of them.</p>
      ) : null}
    </div>
  );
}
