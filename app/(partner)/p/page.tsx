import { requireUser } from '@/lib/auth/guards';
import { loadPortalScope } from '@/lib/server/portal-scope';
import { getDb } from '@/db/client';
import { partnerBalances } from '@/db/queries/balances';
import { listUnits } from '@/db/queries/units';
import { partnerEnrollmentsWithTerms, partnerWeeklyRewards, upcomingPayable } from '@/db/queries/portal-dashboard';
import { programTraffic } from '@/db/queries/portal-dashboard-traffic';
import { listPortalLinks } from '@/db/queries/portal-links';
import { parseOverviewPeriod } from '@/lib/domain/overview-period';
import { BALANCE_BUCKETS } from '@/lib/domain/ledger';
import { formatAmount } from '@/lib/format';
import type { SearchParams } from '@/lib/page-props';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { OverviewPeriodPicker } from '@/components/overview/period-picker';
import { WeeklyChartCard } from '@/components/overview/weekly-chart-card';
import { fillWeeks } from '@/components/overview/weeks';
import { BUCKET_SERIES, MoneyByStatus } from '@/components/portal-dashboard/money-by-status';
import { UpcomingMoneyCard } from '@/components/portal-dashboard/upcoming-money';
import { TrafficTables } from '@/components/portal-dashboard/traffic-tables';
import { ProgramTermsCard } from '@/components/portal-dashboard/program-terms';
import { EnrollmentsTable } from '@/components/portal-dashboard/enrollments-table';

const TOP_LINKS = 10;

/**
 * The partner's dashboard with the merchant chosen in the header: money by where it stands and
 * over time, what is about to become payable, what the links bring, the programs with their
 * terms, and applications still open or refused. Someone not yet a partner anywhere is told how to
 * join.
 */
export default async function PartnerDashboard({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const scope = await loadPortalScope(user);
  if (!scope) {
    return (
      <>
        <PageHeader title="Dashboard" />
        <EmptyState title="You have not joined a program yet">Open a merchant&apos;s join link to apply; your programs, links and earnings appear here once you do.</EmptyState>
      </>
    );
  }
  const { partner, workspace } = scope;
  const db = getDb();
  const now = new Date();
  const period = parseOverviewPeriod(await searchParams, now, workspace.timeZone);
  const linkScope = { workspaceId: workspace.id, partnerId: partner.id };
  const [balances, weekly, upcoming, enrollments, programs, links, units] = await Promise.all([
    partnerBalances(db, workspace.id, now, partner.id),
    partnerWeeklyRewards(db, workspace.id, partner.id, period, now),
    upcomingPayable(db, workspace.id, partner.id, now, workspace.timeZone),
    partnerEnrollmentsWithTerms(db, workspace.id, partner.id),
    programTraffic(db, linkScope),
    listPortalLinks(db, linkScope, { page: 1, pageSize: TOP_LINKS, sort: 'clicks', dir: 'desc' }),
    listUnits(db, workspace.id),
  ]);
  const enrolled = enrollments.filter((e) => e.status === 'approved' || e.status === 'suspended');
  const waiting = enrollments.filter((e) => e.status === 'pending').length;
  const chartUnits = [...new Set([...balances.map((b) => b.unit), ...weekly.map((w) => w.unit)])];

  return (
    <>
      <PageHeader title="Dashboard" description={`Your work with ${workspace.name}: what you have earned, what is coming, and what your links bring.`} />

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <section className="min-w-0 xl:col-span-2" aria-labelledby="money-now">
          <h2 id="money-now" className="mb-3 text-sm font-semibold text-slate-800">Your money now</h2>
          <MoneyByStatus balances={balances} units={units} />
        </section>
        <section className="min-w-0" aria-labelledby="coming-up">
          <h2 id="coming-up" className="mb-3 text-sm font-semibold text-slate-800">Becoming payable</h2>
          <UpcomingMoneyCard upcoming={upcoming} units={units} zone={workspace.timeZone} />
        </section>
      </div>

      <section className="mt-8" aria-labelledby="applications">
        <h2 id="applications" className="mb-3 text-sm font-semibold text-slate-800">
          Your programs and applications{waiting ? <span className="ml-2 font-normal text-slate-500">{waiting} waiting for {workspace.name}&apos;s review</span> : null}
        </h2>
        <EnrollmentsTable rows={enrollments} timeZone={workspace.timeZone} />
      </section>

      {chartUnits.length ? (
        <section className="mt-8" aria-labelledby="over-time">
          <h2 id="over-time" className="mb-3 text-sm font-semibold text-slate-800">Earnings over time</h2>
          <OverviewPeriodPicker period={period} basePath="/p" />
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            {chartUnits.map((unit) => (
              <WeeklyChartCard
                key={unit}
                testId={`portal-chart-${unit}`}
                title={`Your rewards by status · ${unit}`}
                caption="Rewards by the week they were recorded, net of refunds, split by where that money stands now: pending, payable, in a payout, or paid."
                series={BUCKET_SERIES}
                weeks={fillWeeks(period.weeks, weekly.filter((w) => w.unit === unit), BALANCE_BUCKETS, (r) => r)}
                format={(v) => formatAmount(v, unit, { units })}
              />
            ))}
          </div>
        </section>
      ) : null}

      {programs.length ? (
        <section className="mt-8" aria-labelledby="traffic">
          <h2 id="traffic" className="mb-3 text-sm font-semibold text-slate-800">Clicks and customers</h2>
          <TrafficTables programs={programs} links={links.rows} linkTotal={links.total} />
        </section>
      ) : null}

      <section className="mt-8" aria-labelledby="programs">
        <h2 id="programs" className="mb-3 text-sm font-semibold text-slate-800">What you earn: the terms of your programs</h2>
        {enrolled.length ? (
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {enrolled.map((p) => <ProgramTermsCard key={p.enrollmentId} program={p} units={units} merchant={workspace.name} />)}
          </div>
        ) : (
          <EmptyState title="No approved program yet">{workspace.name} has not approved an application of yours yet; its decision shows above, and you can start sharing links once it approves.</EmptyState>
        )}
      </section>
    </>
  );
}
