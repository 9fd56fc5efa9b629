import Link from 'next/link';
import Decimal from 'decimal.js';
import { formatAmount, type UnitPrecision } from '@/lib/format';
import { BALANCE_BUCKETS, type BalanceBucket } from '@/lib/domain/ledger';
import { EmptyState } from '@/components/ui/card';

// The partner's words for the four §5 buckets: what each means for when the money arrives.
const bucketWords: Record<BalanceBucket, { label: string; hint: string; color: string }> = {
  pending: { label: 'Pending', hint: 'waiting out the refund window', color: 'bg-slate-300' },
  payable: { label: 'Payable', hint: 'goes into the next payout', color: 'bg-emerald-500' },
  processing: { label: 'Processing', hint: 'in a payout being sent', color: 'bg-amber-400' },
  paid: { label: 'Paid', hint: 'sent to you', color: 'bg-brand-500' },
};

export const BUCKET_SERIES = [
  { key: 'pending', label: 'Pending', color: '#cbd5e1' },
  { key: 'payable', label: 'Payable', color: '#10b981' },
  { key: 'processing', label: 'Processing', color: '#fbbf24' },
  { key: 'paid', label: 'Paid', color: '#2f6fed' },
];

export type PartnerUnitBalance = { unit: string } & Record<BalanceBucket, string>;

/** The partner's balance with one merchant, per unit, by where the money stands now. */
export function MoneyByStatus({ balances, units }: { balances: PartnerUnitBalance[]; units: readonly UnitPrecision[] }) {
  if (balances.length === 0) {
    return <EmptyState title="Nothing earned yet">Share your links and coupons: rewards show here as soon as a referred customer buys.</EmptyState>;
  }
  return (
    <div className="grid grid-cols-1 gap-4">
      {balances.map((b) => {
        const positive = BALANCE_BUCKETS.map((k) => Decimal.max(0, b[k]));
        const sum = positive.reduce((a, v) => a.plus(v), new Decimal(0));
        // what the merchant still owes: everything earned and not yet paid (a statement's closing balance)
        const owed = new Decimal(b.pending).plus(b.payable).plus(b.processing).toFixed();
        return (
          <section key={b.unit} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid={`portal-money-${b.unit}`}>
            <header className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3">
              <h3 className="text-sm font-semibold text-slate-800">{b.unit}</h3>
              <span className="flex gap-3 text-xs font-medium">
                <Link href="/p/earnings" className="text-brand-700 hover:underline">Earnings →</Link>
                <Link href="/p/payouts" className="text-brand-700 hover:underline">Payouts →</Link>
              </span>
            </header>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {BALANCE_BUCKETS.map((k) => (
                <div key={k} className="min-w-0">
                  <dt className="flex items-center gap-1.5 text-xs text-slate-500">
                    <span className={`inline-block h-2 w-2 rounded-full ${bucketWords[k].color}`} />{bucketWords[k].label}
                  </dt>
                  <dd className="mt-0.5 break-words text-lg font-semibold tabular-nums text-slate-900 sm:text-xl" data-testid={`portal-money-${b.unit}-${k}`}>
                    {formatAmount(b[k], b.unit, { units, withUnit: false })}
                  </dd>
                  <dd className="text-xs text-slate-500">{bucketWords[k].hint}</dd>
                </div>
              ))}
            </dl>
            <div className="mt-3 flex h-2 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
              {sum.gt(0) ? BALANCE_BUCKETS.map((k, i) => <div key={k} className={bucketWords[k].color} style={{ width: `${positive[i].div(sum).mul(100).toFixed(2)}%` }} />) : null}
            </div>
            <p className="mt-3 text-sm text-slate-600">
              Not paid yet: <span className="font-semibold tabular-nums text-slate-900" data-testid={`portal-money-${b.unit}-owed`}>{formatAmount(owed, b.unit, { units })}</span>
              <span className="text-xs text-slate-500"> (pending + payable + processing; your statement&apos;s closing balance)</span>
            </p>
          </section>
        );
      })}
    </div>
  );
}
