import Decimal from 'decimal.js';
import { formatAmount, type UnitPrecision } from '@/lib/format';

/**
 * Net rewards per month as an SVG bar chart (one unit). Heights come from decimal ratios; negative
 * months (more clawed back than earned) draw below the axis.
 */
export function MonthlyBars({ unit, months, values, units }: { unit: string; months: string[]; values: Record<string, string>; units?: readonly UnitPrecision[] }) {
  const label = (m: string) => (values[m] === undefined ? '' : formatAmount(values[m], unit, { units, withUnit: false }));
  const W = 560;
  const H = 180;
  const pad = 28;
  const nums = months.map((m) => new Decimal(values[m] ?? '0'));
  const max = Decimal.max(1, ...nums.map((n) => n.abs()));
  const hasNegative = nums.some((n) => n.isNeg());
  const axis = hasNegative ? H / 2 : H - pad;
  const scale = (hasNegative ? H / 2 - pad : H - 2 * pad) / max.toNumber();
  const slot = (W - 2 * pad) / Math.max(1, months.length);
  // the 560-unit drawing shrinks to about 300 px on a phone: labels get larger units there to stay legible
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={`Net rewards per month in ${unit}`}>
        <line x1={pad} x2={W - pad} y1={axis} y2={axis} className="stroke-slate-300" />
        {months.map((m, i) => {
          const v = nums[i];
          const h = Math.abs(v.toNumber() * scale);
          const x = pad + i * slot + slot * 0.2;
          return (
            <g key={m}>
              <rect x={x} width={slot * 0.6} y={v.isNeg() ? axis : axis - h} height={h} rx={3} className={v.isNeg() ? 'fill-red-400' : 'fill-brand-500'}>
                <title>{`${m}: ${formatAmount(values[m] ?? '0', unit, { units })}`}</title>
              </rect>
              <text x={x + slot * 0.3} y={H - 6} textAnchor="middle" className="fill-slate-500 text-[10px] max-sm:text-[16px]">{m.slice(2)}</text>
              <text x={x + slot * 0.3} y={v.isNeg() ? axis + h + 12 : axis - h - 4} textAnchor="middle" className="fill-slate-700 text-[10px] max-sm:text-[15px]">{label(m)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-500">Net rewards recorded per month ({unit}): commissions and bonuses minus reversals and clawbacks.</figcaption>
    </figure>
  );
}
