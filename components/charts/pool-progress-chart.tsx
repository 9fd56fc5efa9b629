'use client';

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts';

export interface PoolProgressBar {
  name: string;
  /** the metric as the engine computed it (exact decimal string) */
  metric: string;
  /** the same, formatted for people */
  label: string;
  aboveGoal: boolean;
}

/**
 * Each partner's metric for the period so far as horizontal bars, with the goal drawn as a
 * dashed line. Bar lengths are plotted from numbers (geometry only); every figure shown is the
 * exact string the engine produced, formatted per unit.
 */
export function PoolProgressChart({ bars, goal, goalLabel }: { bars: PoolProgressBar[]; goal: string; goalLabel: string }) {
  const data = bars.map((b) => ({ ...b, value: Number(b.metric) }));
  const goalValue = Number(goal);
  const height = Math.max(140, 40 * data.length + 56);
  return (
    <figure aria-label={`Progress towards the goal of ${goalLabel}`} data-testid="pool-progress-chart">
      <BarChart responsive layout="vertical" data={data} style={{ width: '100%', height }} margin={{ top: 24, right: 72, bottom: 4, left: 0 }}>
        <CartesianGrid horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" tickCount={4} domain={[0, (max: number) => Math.max(max, goalValue) * 1.1 || 1]} tick={{ fontSize: 11, fill: '#64748b' }} tickFormatter={(v: number) => (v >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v * 100) / 100))} />
        <YAxis type="category" dataKey="name" width={96} tick={{ fontSize: 12, fill: '#334155' }} interval={0} />
        <Bar dataKey="value" radius={[0, 4, 4, 0]} barSize={20} isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.aboveGoal ? '#2f6fed' : '#cbd5e1'} />
          ))}
          <LabelList dataKey="label" position="right" style={{ fontSize: 11, fill: '#334155' }} />
        </Bar>
        <ReferenceLine x={goalValue} stroke="#dc2626" strokeDasharray="4 3" ifOverflow="extendDomain" label={{ value: `goal ${goalLabel}`, position: 'top', fill: '#dc2626', fontSize: 11 }} />
      </BarChart>
    </figure>
  );
}
