import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { monthlyRewards, workspaceCounts } from '@/db/queries/overview';
import { listUnits } from '@/db/queries/units';
import { formatNumber } from '@/lib/format';
import { MonthlyBars } from '@/components/charts/monthly-bars';
import { Card, PageHeader } from '@/components/ui/card';

export default async function OverviewPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1));
  const [counts, monthly, customUnits] = await Promise.all([
    workspaceCounts(getDb(), scope.workspaceId),
    monthlyRewards(getDb(), scope.workspaceId, from),
    listUnits(getDb(), scope.workspaceId),
  ]);
  const months = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1)).toISOString().slice(0, 7));
  const units = [...new Set(monthly.map((r) => r.unit))];
  const base = `/m/${scope.workspaceSlug}`;
  const tiles = [
    { label: 'Programs', value: counts.programs, href: `${base}/programs` },
    { label: 'Partners', value: counts.partners, href: `${base}/partners` },
    { label: 'Applications to review', value: counts.pendingApplications, href: `${base}/partners?status=pending` },
    { label: 'Events received', value: counts.events, href: `${base}/events` },
  ];
  return (
    <>
      <PageHeader title="Overview" description="Your partner programs at a glance." />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        {tiles.map((t) => (
          <Link key={t.label} href={t.href} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500 sm:p-5">
            <p className="text-sm text-slate-500">{t.label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums sm:text-3xl" data-testid={`count-${t.label}`}>{formatNumber(t.value)}</p>
          </Link>
        ))}
      </div>
      {units.length ? (
        <div className="mt-8 grid grid-cols-1 gap-6 lg:grid-cols-2">
          {units.map((unit) => (
            <Card key={unit} title={`Rewards per month · ${unit}`}>
              <MonthlyBars unit={unit} units={customUnits} months={months} values={Object.fromEntries(monthly.filter((r) => r.unit === unit).map((r) => [r.month, r.amount]))} />
            </Card>
          ))}
        </div>
      ) : null}
      {counts.programs === 0 ? (
        <Card title="Get started" className="mt-8">
          <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
            <li><Link className="text-brand-700" href={`${base}/programs`}>Create your first program</Link>: its partner category, reward unit and rules.</li>
            <li>Share the program&apos;s join page with partners, or turn on auto-approval.</li>
            <li>Install the storefront snippet and post signed order events (Settings → Integration).</li>
          </ol>
        </Card>
      ) : null}
    </>
  );
}
