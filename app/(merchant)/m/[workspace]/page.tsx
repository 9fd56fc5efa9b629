import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { workspaceCounts } from '@/db/queries/overview';
import { workspaceTotals } from '@/db/queries/balances';
import { weeklyAttributedRevenue, weeklyClicks, weeklyNewCustomers, weeklyRewardsByStatus } from '@/db/queries/overview-series';
import { topPartnersByRevenue, topPartnersByRewards } from '@/db/queries/overview-top';
import { listUnits } from '@/db/queries/units';
import { parseOverviewPeriod } from '@/lib/domain/overview-period';
import { BALANCE_BUCKETS } from '@/lib/domain/ledger';
import { formatAmount, formatNumber } from '@/lib/format';
import type { WorkspaceTablePageProps } from '@/lib/page-props';
import { Card, PageHeader } from '@/components/ui/card';
import { MoneyTotals } from '@/components/overview/money-totals';
import { OverviewPeriodPicker } from '@/components/overview/period-picker';
import { TopPartners } from '@/components/overview/top-partners';
import { WeeklyChartCard } from '@/components/overview/weekly-chart-card';
import { fillWeeks } from '@/components/overview/weeks';

const BUCKET_SERIES = [
  { key: 'pending', label: 'Pending', color: '#cbd5e1' },
  { key: 'payable', label: 'Payable', color: '#10b981' },
  { key: 'processing', label: 'Processing', color: '#fbbf24' },
  { key: 'paid', label: 'Paid', color: '#2f6fed' },
];

export default async function OverviewPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const now = new Date();
  const period = parseOverviewPeriod(await searchParams, now, scope.timeZone);
  const db = getDb();
  const ws = scope.workspaceId;
  const [totals, counts, clicks, customers, revenue, rewards, topRewards, topRevenue, units] = await Promise.all([
    workspaceTotals(db, ws, now),
    workspaceCounts(db, ws),
    weeklyClicks(db, ws, period),
    weeklyNewCustomers(db, ws, period),
    weeklyAttributedRevenue(db, ws, period),
    weeklyRewardsByStatus(db, ws, period, now),
    topPartnersByRewards(db, ws, period, now),
    topPartnersByRevenue(db, ws, period),
    listUnits(db, ws),
  ]);
  const base = `/m/${scope.workspaceSlug}`;
  const count = (v: string) => formatNumber(v);
  const rewardUnits = [...new Set([...totals.map((t) => t.unit), ...rewards.map((r) => r.unit)])];
  const tiles = [
    { label: 'Programs', value: counts.programs, href: `${base}/programs` },
    { label: 'Partners', value: counts.partners, href: `${base}/partners` },
    { label: 'Applications to review', value: counts.pendingApplications, href: `${base}/partners?status=pending` },
    { label: 'Events received', value: counts.events, href: `${base}/events` },
  ];
  return (
    <>
      <PageHeader title="Overview" description="What partners have earned, where that money stands, and what they brought in." />

      <h2 className="mb-3 text-sm font-semibold text-slate-800">Partner balances now</h2>
      <MoneyTotals totals={totals} units={units} ledgerPath={`${base}/ledger`} payoutsPath={`${base}/payouts`} />

      {counts.programs === 0 ? (
        <Card title="Get started" className="mt-6">
          <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
            <li><Link className="text-brand-700" href={`${base}/programs`}>Create your first program</Link>: its partner category, reward unit and rules.</li>
            <li>Share the program&apos;s join page with partners, or turn on auto-approval.</li>
            <li>Install the storefront snippet and post signed order events (Settings → Integration).</li>
          </ol>
        </Card>
      ) : null}

      <h2 className="mb-3 mt-8 text-sm font-semibold text-slate-800">Activity per week</h2>
      <OverviewPeriodPicker period={period} basePath={base} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {rewardUnits.map((unit) => (
          <WeeklyChartCard
            key={unit}
            testId={`chart-rewards-${unit}`}
            title={`Rewards by status · ${unit}`}
            caption="Net rewards grouped by the week they were written, split by where they stand now: on hold, payable, in a batch, or paid."
            series={BUCKET_SERIES}
            weeks={fillWeeks(period.weeks, rewards.filter((r) => r.unit === unit), BALANCE_BUCKETS, (r) => r)}
            format={(v) => formatAmount(v, unit, { units })}
          />
        ))}
        <WeeklyChartCard
          testId="chart-revenue"
          title={`Attributed revenue · ${scope.baseCurrency}`}
          caption={`Orders that credited at least one partner: their revenue before tax and shipping (the lines the crediting programs cover), converted to ${scope.baseCurrency} at the order's rate, each order once. Refunds are not subtracted.`}
          series={[{ key: 'revenue', label: 'Revenue', color: '#2f6fed' }]}
          weeks={fillWeeks(period.weeks, revenue, ['revenue'], (r) => r)}
          format={(v) => formatAmount(v, scope.baseCurrency)}
        />
        <WeeklyChartCard
          testId="chart-customers"
          title="New referred customers"
          caption="Customers bound to a partner for the first time (through a click, code or coupon, or by hand), in any program; each customer once."
          series={[{ key: 'customers', label: 'Customers', color: '#8b5cf6' }]}
          weeks={fillWeeks(period.weeks, customers, ['customers'], (r) => r)}
          format={count}
          integer
        />
        <WeeklyChartCard
          testId="chart-clicks"
          title="Clicks"
          caption="Clicks on partners' tracked links, bots left out; a visitor clicking again is counted again."
          series={[{ key: 'clicks', label: 'Clicks', color: '#0ea5e9' }]}
          weeks={fillWeeks(period.weeks, clicks, ['clicks'], (r) => r)}
          format={count}
          integer
        />
      </div>

      <h2 className="mb-3 mt-8 text-sm font-semibold text-slate-800">Top partners of the period</h2>
      <TopPartners byRewards={topRewards} byRevenue={topRevenue} units={units} baseCurrency={scope.baseCurrency} partnersPath={`${base}/partners`} />

      <h2 className="mb-3 mt-8 text-sm font-semibold text-slate-800">Workspace</h2>
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        {tiles.map((t) => (
          <Link key={t.label} href={t.href} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500 sm:p-5">
            <p className="text-sm text-slate-500">{t.label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums sm:text-3xl" data-testid={`count-${t.label}`}>{formatNumber(t.value)}</p>
          </Link>
        ))}
      </div>
    </>
  );
}
