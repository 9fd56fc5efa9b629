import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { AppError } from '@/lib/errors';
import { getDb } from '@/db/client';
import { closingTermsOf, findPoolDetail, listPoolClosings } from '@/db/queries/pool-progress';
import { listPrograms } from '@/db/queries/programs';
import { listUnits } from '@/db/queries/units';
import { namesForIds } from '@/db/queries/names';
import { closablePeriods, poolProgress, previewPoolClosing, type PoolClosingPreview } from '@/lib/server/rewards/pools';
import { formatAmount } from '@/lib/format';
import { formatDate } from '@/lib/time';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { PoolForm } from '@/components/pools/pool-form';
import { metricLabels, periodLabels } from '@/components/pools/pool-labels';
import { PoolStandings, metricText } from '@/components/pools/pool-standings';
import { PeriodPicker } from '@/components/pools/period-picker';
import { ClosePoolForm } from '@/components/merchant/close-pool-form';
import { PoolProgressChart } from '@/components/charts/pool-progress-chart';
import { poolUnitOptions } from '../unit-options';

const winnersText = (standings: { qualified: boolean }[]) => {
  const n = standings.filter((s) => s.qualified).length;
  return n === 0 ? 'nobody was above the goal' : `${n} partner${n === 1 ? '' : 's'} qualified and ${n === 1 ? 'was' : 'were'} paid a bonus`;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function PoolPage({ params, searchParams }: { params: Promise<{ workspace: string; poolId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspace, poolId } = await params;
  const { scope } = await requireMerchant(workspace);
  if (!UUID.test(poolId)) notFound();
  const db = getDb();
  const pool = await findPoolDetail(db, scope.workspaceId, poolId);
  if (!pool) notFound();
  const now = new Date();
  const canClose = roleCan(scope.role, 'finance');
  const canManage = roleCan(scope.role, 'manage');
  const requested = (await searchParams).period;
  const period = typeof requested === 'string' && requested.trim() ? requested.trim() : undefined;

  const [units, closings, closedTerms, progress, periods] = await Promise.all([
    listUnits(db, scope.workspaceId),
    listPoolClosings(db, scope.workspaceId, pool.id),
    closingTermsOf(db, scope.workspaceId, pool.id),
    poolProgress(db, scope.workspaceId, pool.id, now),
    canClose ? closablePeriods(db, scope.workspaceId, pool.id, now) : Promise.resolve([]),
  ]);
  let preview: PoolClosingPreview | undefined;
  let previewError: string | undefined;
  if (canClose && period) {
    try {
      preview = await previewPoolClosing(db, scope.workspaceId, pool.id, period, now);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
      previewError = `${period}: ${err.fields?.period ?? err.message}`;
    }
  }
  const partnerIds = [
    ...progress.standings.map((s) => s.partnerId),
    ...closings.flatMap((c) => c.result.standings.map((s) => s.partnerId)),
    ...(preview && !preview.alreadyClosed ? preview.standings.map((s) => s.partnerId) : []),
  ];
  const { partnerNames } = await namesForIds(db, scope.workspaceId, partnerIds);
  const programs = canManage ? await listPrograms(db, scope.workspaceId) : [];
  const amount = formatAmount(pool.amount, pool.unit, { units });
  const goal = metricText(pool.metric, pool.goal, scope.baseCurrency);
  // periods are calendar quarters and years in UTC (SPEC §6): their last day is named in UTC
  const until = formatDate(new Date(progress.end.getTime() - 1), 'UTC');

  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/pools`} className="text-sm text-brand-700 hover:underline"><span aria-hidden>←</span> Performance pools</Link>
      <PageHeader
        title={pool.name}
        description={`${amount} ${pool.period === 'year' ? 'every year' : 'every quarter'}, shared by partners above ${goal} in ${pool.programs.map((p) => p.name).join(', ') || 'no program yet'}.`}
        action={<Badge tone="blue">{metricLabels[pool.metric]}</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={`${progress.period} so far`} action={<span className="text-xs text-slate-500">until {until}</span>}>
            {progress.standings.length === 0 ? (
              <p className="text-sm text-slate-500">No partner is approved in a member program yet.</p>
            ) : (
              <>
                <PoolProgressChart
                  goal={pool.goal}
                  goalLabel={goal}
                  bars={progress.standings.map((s) => ({ name: partnerNames[s.partnerId] ?? 'Unknown partner', metric: s.metric, label: metricText(pool.metric, s.metric, scope.baseCurrency), aboveGoal: s.aboveGoal }))}
                />
                <p className="mt-2 text-xs text-slate-500">
                  Measured as closing measures it, from what is recorded so far; {progress.standings.filter((s) => s.aboveGoal).length} of {progress.standings.length} partners are above the goal today.
                </p>
              </>
            )}
          </Card>

          <Card title="Close a period">
            <ReadOnlyNotice role={scope.role} can="finance" />
            {canClose ? (
              <div className="space-y-4">
                <PeriodPicker periods={periods} selected={period} error={previewError} />
                {preview?.alreadyClosed ? (
                  <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
                    {preview.closing.period} is closed (on {formatDate(preview.closing.closedAt, scope.timeZone)}): {winnersText(preview.closing.standings)}. Its result is under “Closed periods”.
                  </p>
                ) : null}
                {preview && !preview.alreadyClosed ? (
                  <div className="space-y-4 rounded-md border border-amber-200 bg-amber-50/40 p-4" data-testid="closing-preview">
                    <h3 className="text-sm font-semibold text-slate-900">Preview: closing {preview.period}</h3>
                    <PoolStandings standings={preview.standings} names={partnerNames} terms={{ metric: pool.metric, goal: pool.goal, unit: pool.unit, amount: preview.poolAmount }} baseCurrency={scope.baseCurrency} units={units} />
                    <ClosePoolForm
                      workspaceSlug={scope.workspaceSlug}
                      poolId={pool.id}
                      period={preview.period}
                      preview={preview.fingerprint}
                      summary="Closing writes these bonuses to the ledger, payable now. A period closes once: closing it again changes nothing."
                    />
                  </div>
                ) : null}
              </div>
            ) : null}
          </Card>

          <Card title="Closed periods">
            {closings.length === 0 ? (
              <p className="text-sm text-slate-500">No period closed yet.</p>
            ) : (
              <div className="space-y-6">
                {closings.map((c) => {
                  const terms = closedTerms.get(c.period);
                  return (
                    <section key={c.period} aria-label={`Closed ${c.period}`}>
                      <h3 className="mb-2 text-sm font-semibold text-slate-900">{c.period} <span className="text-xs font-normal text-slate-500">closed {formatDate(c.closedAt, scope.timeZone)}</span></h3>
                      <PoolStandings
                        standings={c.result.standings}
                        names={partnerNames}
                        terms={terms ? { metric: terms.metric, goal: terms.goal, unit: terms.unit, amount: terms.poolAmount } : { metric: pool.metric, goal: null, unit: pool.unit, amount: pool.amount }}
                        baseCurrency={scope.baseCurrency}
                        units={units}
                      />
                    </section>
                  );
                })}
              </div>
            )}
          </Card>
        </div>

        <Card title="Settings" className="self-start">
          <ReadOnlyNotice role={scope.role} />
          {canManage ? (
            <PoolForm
              workspaceSlug={scope.workspaceSlug}
              pool={{ id: pool.id, name: pool.name, unit: pool.unit, amount: pool.amount, period: pool.period, metric: pool.metric, goal: pool.goal, programIds: pool.programs.map((p) => p.id) }}
              programs={programs.map((p) => ({ id: p.id, name: p.name }))}
              units={poolUnitOptions(scope.baseCurrency, units, pool.unit)}
              baseCurrency={scope.baseCurrency}
            />
          ) : (
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-500">Amount</dt><dd>{amount}</dd>
              <dt className="text-slate-500">Period</dt><dd>{periodLabels[pool.period]}</dd>
              <dt className="text-slate-500">Ranked by</dt><dd>{metricLabels[pool.metric]}</dd>
              <dt className="text-slate-500">Goal</dt><dd>above {goal}</dd>
              <dt className="text-slate-500">Programs</dt><dd>{pool.programs.map((p) => p.name).join(', ')}</dd>
            </dl>
          )}
        </Card>
      </div>
    </>
  );
}
