import { formatAmount, type UnitPrecision } from '@/lib/format';
import type { UpcomingMoney } from '@/db/queries/portal-dashboard';
import { dayLabel } from '@/components/overview/weeks';
import { Card } from '@/components/ui/card';

/**
 * "120.00 USD becomes payable on 12 Dec 2026": pending money by the day its refund window ends, in
 * the merchant's zone, soonest first. Refunds written so far are already taken off.
 */
export function UpcomingMoneyCard({ upcoming, units, zone }: { upcoming: UpcomingMoney[]; units: readonly UnitPrecision[]; zone: string }) {
  return (
    <Card>
      {upcoming.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing is waiting for its refund window to end.</p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="upcoming-money">
            {upcoming.map((u) => (
              <li key={`${u.day}-${u.unit}`} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
                <span>
                  <span className="font-semibold tabular-nums text-slate-900">{formatAmount(u.amount, u.unit, { units })}</span> becomes payable on{' '}
                  <time dateTime={u.day} className="font-medium">{dayLabel(u.day)}</time>
                </span>
                <span className="text-xs text-slate-500">{u.entries} {u.entries === 1 ? 'entry' : 'entries'}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-500">Days in {zone === 'UTC' ? 'UTC' : zone.replace(/_/g, ' ')} time, the merchant&apos;s. Payable money goes into the merchant&apos;s next payout once it reaches their minimum.</p>
        </>
      )}
    </Card>
  );
}
