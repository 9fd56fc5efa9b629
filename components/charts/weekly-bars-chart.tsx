'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';

export interface WeeklyChartSeries {
  key: string;
  label: string;
  /** a CSS colour */
  color: string;
}

export interface WeeklyChartPoint {
  /** the week's Monday, YYYY-MM-DD: unique, so it keys the x axis */
  week: string;
  /** short axis label ("13 Apr") */
  tick: string;
  /** tooltip heading ("Week of 13 Apr 2026") */
  title: string;
  /** per series, the exact figure formatted for people (what the tooltip shows) */
  shown: Record<string, string>;
  /** per series, the same as a number: bar geometry only */
  values: Record<string, number>;
}

// Axis ticks only: every figure a reader sees in full comes formatted from the server.
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Weekly bars, one series or several stacked (negative parts, e.g. a week of clawbacks, stack
 * below the axis). Values arrive pre-formatted from the server so the chart never rounds money.
 */
export function WeeklyBarsChart({ points, series, label, integer = false, height = 220 }: {
  points: WeeklyChartPoint[];
  series: WeeklyChartSeries[];
  label: string;
  /** counts: no fractional ticks */
  integer?: boolean;
  height?: number;
}) {
  const data = points.map((p) => ({ week: p.week, ...p.values }));
  const byWeek = new Map(points.map((p) => [p.week, p]));
  const stacked = series.length > 1;
  const hasNegative = points.some((p) => Object.values(p.values).some((v) => v < 0));
  const tooltip = ({ active, label: week }: TooltipContentProps) => {
    const point = active && typeof week === 'string' ? byWeek.get(week) : undefined;
    if (!point) return null;
    return (
      <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
        <p className="mb-1 font-semibold text-slate-800">{point.title}</p>
        {series.map((s) => (
          <p key={s.key} className="flex items-center justify-between gap-4 text-slate-600">
            <span className="flex items-center gap-1.5"><span className="inline-block h-2 w-2 rounded-full" style={{ background: s.color }} />{s.label}</span>
            <span className="font-medium tabular-nums text-slate-900">{point.shown[s.key]}</span>
          </p>
        ))}
      </div>
    );
  };
  return (
    <figure aria-label={label}>
      <BarChart responsive data={data} stackOffset={hasNegative ? 'sign' : 'none'} style={{ width: '100%', height }} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="week" tickFormatter={(w: string) => byWeek.get(w)?.tick ?? w} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} minTickGap={12} />
        <YAxis width={44} tick={{ fontSize: 11, fill: '#64748b' }} tickFormatter={(v: number) => compact.format(v)} allowDecimals={!integer} axisLine={false} tickLine={false} />
        {hasNegative ? <ReferenceLine y={0} stroke="#94a3b8" /> : null}
        <Tooltip content={tooltip} cursor={{ fill: '#f1f5f9' }} />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? 'week' : undefined} isAnimationActive={false}
            radius={!stacked || i === series.length - 1 ? [3, 3, 0, 0] : 0} maxBarSize={36} />
        ))}
      </BarChart>
      {stacked ? (
        <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
          {series.map((s) => (
            <span key={s.key} className="flex items-center gap-1.5"><span className="inline-block h-2 w-2 rounded-full" style={{ background: s.color }} />{s.label}</span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
