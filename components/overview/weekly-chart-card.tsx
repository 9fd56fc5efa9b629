import { Card } from '@/components/ui/card';
import { WeeklyBarsChart, type WeeklyChartSeries } from '@/components/charts/weekly-bars-chart';
import { dayLabel, seriesTotal, weekTick, type WeekFigures } from './weeks';

/**
 * One weekly chart with what a reader needs around it: the period's total, a caption that says
 * exactly what is counted, and the same numbers as a table (for screen readers, and for anyone who
 * wants the figures rather than the shape).
 */
export function WeeklyChartCard({
  title, caption, series, weeks, format, integer, testId,
}: {
  title: string;
  caption: string;
  series: WeeklyChartSeries[];
  weeks: WeekFigures[];
  /** an exact figure for people (a count, or an amount in its unit) */
  format: (value: string) => string;
  /** the figures are counts */
  integer?: boolean;
  testId: string;
}) {
  const totals = series.map((s) => ({ ...s, total: format(seriesTotal(weeks, s.key)) }));
  const totalText = totals.map((t) => (series.length > 1 ? `${t.label} ${t.total}` : t.total)).join(', ');
  const points = weeks.map((w) => ({
    week: w.week,
    tick: weekTick(w.week),
    title: `Week of ${dayLabel(w.week)}`,
    shown: Object.fromEntries(series.map((s) => [s.key, format(w.figures[s.key])])),
    values: Object.fromEntries(series.map((s) => [s.key, Number(w.figures[s.key])])),
  }));
  return (
    <Card title={title} action={<span className="text-xs text-slate-500" data-testid={`${testId}-total`}>{series.length > 1 ? 'period: ' : 'period total: '}{totalText}</span>}>
      <div data-testid={testId}>
        <WeeklyBarsChart points={points} series={series} integer={integer} label={`${title}, ${weeks.length} weeks; period total ${totalText}. The figures per week are in the table below the chart.`} />
        <p className="mt-2 text-xs text-slate-500">{caption}</p>
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-medium text-brand-700">Show the numbers</summary>
          <div className="mt-2 max-h-72 overflow-auto">
            <table className="w-full text-xs">
              <caption className="sr-only">{title} per week</caption>
              <thead className="sticky top-0 bg-white text-left text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">Week of</th>
                  {series.map((s) => <th key={s.key} scope="col" className="py-1 pl-3 text-right font-medium">{s.label}</th>)}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 tabular-nums">
                {weeks.map((w) => (
                  <tr key={w.week} data-week={w.week}>
                    <th scope="row" className="whitespace-nowrap py-1 pr-3 text-left font-normal text-slate-600">{dayLabel(w.week)}</th>
                    {series.map((s) => <td key={s.key} className="whitespace-nowrap py-1 pl-3 text-right" data-series={s.key}>{format(w.figures[s.key])}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </div>
    </Card>
  );
}
