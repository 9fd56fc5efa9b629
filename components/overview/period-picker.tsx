import Link from 'next/link';
import { PERIOD_PRESETS, periodPresetLabel, type OverviewPeriod } from '@/lib/domain/overview-period';
import { Button } from '@/components/ui/button';
import { dayLabel } from './weeks';

/**
 * The overview's period, kept in the URL: presets are links (`?period=4w`), a custom range is a GET
 * form (`?from=&to=`), so every view can be bookmarked and nothing needs JavaScript.
 */
export function OverviewPeriodPicker({ period, basePath }: { period: OverviewPeriod; basePath: string }) {
  const zone = period.timeZone === 'UTC' ? 'UTC' : period.timeZone.replace(/_/g, ' ');
  return (
    <div className="mb-6 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
        <nav aria-label="Period" className="flex flex-wrap gap-1.5">
          {PERIOD_PRESETS.map((p) => (
            <Link
              key={p}
              href={`${basePath}?period=${p}`}
              aria-current={period.preset === p ? 'true' : undefined}
              className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ${period.preset === p ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
            >
              {periodPresetLabel[p]}
            </Link>
          ))}
        </nav>
        <form method="get" action={basePath} className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs font-medium text-slate-600">
            From
            <input type="date" name="from" required defaultValue={period.from} className="mt-0.5 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900" />
          </label>
          <label className="flex flex-col text-xs font-medium text-slate-600">
            To
            <input type="date" name="to" required defaultValue={period.to} className="mt-0.5 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900" />
          </label>
          <Button type="submit" variant={period.preset === 'custom' ? 'primary' : 'secondary'} className="py-1.5">Show</Button>
        </form>
      </div>
      <p className="mt-2 text-xs text-slate-500" data-testid="overview-period">
        {dayLabel(period.from)} – {dayLabel(period.to)} · {period.weeks.length} weeks starting Mondays, {zone} time
      </p>
      {period.notice ? <p role="status" className="mt-1 text-xs text-amber-700">{period.notice}</p> : null}
    </div>
  );
}
