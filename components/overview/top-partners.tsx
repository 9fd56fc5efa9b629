import Link from 'next/link';
import { formatAmount, formatNumber, type UnitPrecision } from '@/lib/format';
import { Card } from '@/components/ui/card';

export interface TopByRewards {
  partnerId: string;
  name: string;
  unit: string;
  amount: string;
}

export interface TopByRevenue {
  partnerId: string;
  name: string;
  revenue: string;
  orders: number;
}

function Ranking({ rows, label }: { rows: { partnerId: string; href: string; name: string; figure: string; note?: string }[]; label: string }) {
  return (
    <ol className="divide-y divide-slate-100 text-sm" aria-label={label}>
      {rows.map((r, i) => (
        <li key={r.partnerId} className="flex items-baseline gap-3 py-1.5">
          <span className="w-5 shrink-0 text-right text-xs tabular-nums text-slate-400">{i + 1}</span>
          <Link href={r.href} className="min-w-0 flex-1 truncate text-brand-700 hover:underline">{r.name}</Link>
          {r.note ? <span className="shrink-0 text-xs text-slate-500">{r.note}</span> : null}
          <span className="shrink-0 whitespace-nowrap font-medium tabular-nums text-slate-900">{r.figure}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The period's top partners two ways: by rewards earned (per unit, since points and dollars do not
 * add up) and by revenue they were credited with in the base currency. Names open the partner.
 */
export function TopPartners({
  byRewards, byRevenue, units, baseCurrency, partnersPath,
}: {
  byRewards: TopByRewards[];
  byRevenue: TopByRevenue[];
  units: readonly UnitPrecision[];
  baseCurrency: string;
  partnersPath: string;
}) {
  const rewardUnits = [...new Set(byRewards.map((r) => r.unit))];
  const empty = <p className="text-sm text-slate-500">Nobody in this period.</p>;
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <Card title="Top partners by rewards earned">
        <div className="space-y-4" data-testid="top-by-rewards">
          {rewardUnits.length === 0 ? empty : rewardUnits.map((unit) => (
            <div key={unit}>
              {rewardUnits.length > 1 ? <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{unit}</h3> : null}
              <Ranking
                label={`Top partners by rewards in ${unit}`}
                rows={byRewards.filter((r) => r.unit === unit).map((r) => ({ partnerId: r.partnerId, href: `${partnersPath}/${r.partnerId}`, name: r.name, figure: formatAmount(r.amount, unit, { units }) }))}
              />
            </div>
          ))}
          <p className="text-xs text-slate-500">Net rewards written in the period: commissions and bonuses minus reversals and clawbacks.</p>
        </div>
      </Card>
      <Card title="Top partners by attributed revenue">
        <div className="space-y-4" data-testid="top-by-revenue">
          {byRevenue.length === 0 ? empty : (
            <Ranking
              label={`Top partners by attributed revenue in ${baseCurrency}`}
              rows={byRevenue.map((r) => ({
                partnerId: r.partnerId, href: `${partnersPath}/${r.partnerId}`, name: r.name, figure: formatAmount(r.revenue, baseCurrency),
                note: `${formatNumber(r.orders)} ${r.orders === 1 ? 'order' : 'orders'}`,
              }))}
            />
          )}
          <p className="text-xs text-slate-500">Revenue of the period&apos;s orders credited to the partner (their share), in {baseCurrency}, before refunds.</p>
        </div>
      </Card>
    </div>
  );
}
