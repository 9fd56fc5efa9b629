import Decimal from 'decimal.js';
import { formatAmount, type UnitPrecision } from '@/lib/format';

const segments = [
  { key: 'pending', label: 'Pending', color: 'bg-slate-300' },
  { key: 'payable', label: 'Payable', color: 'bg-emerald-500' },
  { key: 'processing', label: 'Processing', color: 'bg-amber-400' },
  { key: 'paid', label: 'Paid', color: 'bg-brand-500' },
] as const;

type Sums = Record<(typeof segments)[number]['key'], string>;

/**
 * One unit's money by state as a stacked bar: how much is still on hold, ready, in transfer and
 * paid, at a glance. Widths come from decimal ratios; negative buckets (net clawbacks) show as 0.
 */
export function BalanceBar({ unit, sums, units }: { unit: string; sums: Sums; units?: readonly UnitPrecision[] }) {
  const fmt = (v: string) => formatAmount(v, unit, { units, withUnit: false });
  const positive = segments.map((s) => Decimal.max(0, new Decimal(sums[s.key])));
  const total = positive.reduce((a, b) => a.plus(b), new Decimal(0));
  const earned = segments.reduce((a, s) => a.plus(sums[s.key]), new Decimal(0)).toFixed();
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3">
        <p className="text-sm font-semibold text-slate-800">{unit}</p>
        <p className="text-xs text-slate-500">earned in total: {formatAmount(earned, unit, { units })}</p>
      </div>
      <div className="flex h-4 w-full overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`${unit}: ${segments.map((s) => `${s.label} ${fmt(sums[s.key])}`).join(', ')}`}>
        {total.gt(0)
          ? segments.map((s, i) => (
              <div key={s.key} className={s.color} style={{ width: `${positive[i].div(total).mul(100).toFixed(2)}%` }} title={`${s.label}: ${formatAmount(sums[s.key], unit, { units })}`} />
            ))
          : null}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-xs sm:grid-cols-4">
        {segments.map((s) => (
          <div key={s.key}>
            <dt className="flex items-center gap-1.5 text-slate-500"><span className={`inline-block h-2 w-2 rounded-full ${s.color}`} />{s.label}</dt>
            <dd className="mt-0.5 font-semibold tabular-nums text-slate-900" data-testid={`${unit}-${s.key}`}>{fmt(sums[s.key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
