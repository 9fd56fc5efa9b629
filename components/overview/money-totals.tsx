import Link from 'next/link';
import Decimal from 'decimal.js';
import { formatAmount, type UnitPrecision } from '@/lib/format';
import { BALANCE_BUCKETS, type BalanceBucket } from '@/lib/domain/ledger';
import { EmptyState } from '@/components/ui/card';

const bucketLabel: Record<BalanceBucket, { label: string; hint: string; color: string }> = {
  pending: { label: 'Pending', hint: 'on hold until their payable date', color: 'bg-slate-300' },
  payable: { label: 'Payable', hint: 'ready for the next batch', color: 'bg-emerald-500' },
  processing: { label: 'Processing', hint: 'in a batch, transfer not confirmed', color: 'bg-amber-400' },
  paid: { label: 'Paid', hint: 'transferred', color: 'bg-brand-500' },
};

export type UnitTotals = { unit: string } & Record<BalanceBucket, string>;

/**
 * The money first: per unit, what partners have earned by where it stands now (SPEC §5). Every
 * figure opens the ledger filtered to those entries, so a number on the overview can always be
 * traced to the rows behind it.
 */
export function MoneyTotals({ totals, units, ledgerPath, payoutsPath }: { totals: UnitTotals[]; units: readonly UnitPrecision[]; ledgerPath: string; payoutsPath: string }) {
  if (totals.length === 0) {
    return <EmptyState title="Nothing earned yet">Balances appear here once partners earn their first rewards.</EmptyState>;
  }
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      {totals.map((t) => {
        const positive = BALANCE_BUCKETS.map((b) => Decimal.max(0, t[b]));
        const sum = positive.reduce((a, b) => a.plus(b), new Decimal(0));
        return (
          <section key={t.unit} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid={`money-${t.unit}`}>
            <header className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3">
              <h3 className="text-sm font-semibold text-slate-800">{t.unit}</h3>
              <Link href={payoutsPath} className="text-xs font-medium text-brand-700 hover:underline">Payouts →</Link>
            </header>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {BALANCE_BUCKETS.map((b) => (
                <div key={b} className="min-w-0">
                  <dt className="flex items-center gap-1.5 text-xs text-slate-500" title={bucketLabel[b].hint}>
                    <span className={`inline-block h-2 w-2 rounded-full ${bucketLabel[b].color}`} />{bucketLabel[b].label}
                  </dt>
                  <dd className="mt-0.5">
                    <Link
                      href={`${ledgerPath}?${new URLSearchParams({ status: b, unit: t.unit })}`}
                      className="break-words text-lg font-semibold tabular-nums text-slate-900 hover:text-brand-700 sm:text-xl"
                      data-testid={`money-${t.unit}-${b}`}
                      aria-label={`${bucketLabel[b].label}: ${formatAmount(t[b], t.unit, { units })}, open these ledger entries`}
                    >
                      {formatAmount(t[b], t.unit, { units, withUnit: false })}
                    </Link>
                  </dd>
                </div>
              ))}
            </dl>
            <div className="mt-3 flex h-2 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
              {sum.gt(0) ? BALANCE_BUCKETS.map((b, i) => <div key={b} className={bucketLabel[b].color} style={{ width: `${positive[i].div(sum).mul(100).toFixed(2)}%` }} />) : null}
            </div>
          </section>
        );
      })}
    </div>
  );
}
