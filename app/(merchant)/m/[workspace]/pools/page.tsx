import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listPools } from '@/db/queries/setup-lists';
import { listPrograms } from '@/db/queries/programs';
import { listUnits } from '@/db/queries/units';
import { formatAmount } from '@/lib/format';
import { formatDate } from '@/lib/time';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { PoolForm } from '@/components/pools/pool-form';
import { metricLabels } from '@/components/pools/pool-labels';
import { metricText } from '@/components/pools/pool-standings';
import { poolUnitOptions } from './unit-options';

export default async function PoolsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const canManage = roleCan(scope.role, 'manage');
  const [pools, units, programs] = await Promise.all([
    listPools(db, scope.workspaceId),
    listUnits(db, scope.workspaceId),
    canManage ? listPrograms(db, scope.workspaceId) : Promise.resolve([]),
  ]);
  const base = `/m/${scope.workspaceSlug}/pools`;
  return (
    <>
      <PageHeader title="Performance pools" description="A bonus per period shared among partners who beat the goal, in proportion to their metric." />
      <ReadOnlyNotice role={scope.role} />
      {pools.length === 0 ? (
        <EmptyState title="No pools">{canManage ? 'Create a pool below to reward your best partners each quarter or year.' : 'An owner or admin can create a pool to reward the best partners each quarter or year.'}</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {pools.map((p) => {
            const last = p.closings[0];
            const winners = last?.result.standings.filter((s) => s.qualified).length ?? 0;
            return (
              <Card key={p.id} title={p.name} action={<Badge tone="blue">{formatAmount(p.amount, p.unit, { units })} per {p.period}</Badge>}>
                <p className="text-sm text-slate-600">
                  {metricLabels[p.metric]} above {metricText(p.metric, p.goal, scope.baseCurrency)} · {p.programs.join(', ') || 'no program'}
                </p>
                <p className="mt-2 text-sm text-slate-600">
                  {last ? `Last closed: ${last.period} on ${formatDate(last.closedAt, scope.timeZone)}, ${winners} partner${winners === 1 ? '' : 's'} paid.` : 'No period closed yet.'}
                </p>
                <Link href={`${base}/${p.id}`} className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
                  Progress, closing{canManage ? ' and settings' : ''} <span aria-hidden>→</span>
                </Link>
              </Card>
            );
          })}
        </div>
      )}
      {canManage ? (
        <Card title="New pool" className="mt-8">
          <PoolForm
            workspaceSlug={scope.workspaceSlug}
            programs={programs.filter((p) => p.status === 'active').map((p) => ({ id: p.id, name: p.name }))}
            units={poolUnitOptions(scope.baseCurrency, units)}
            baseCurrency={scope.baseCurrency}
          />
        </Card>
      ) : null}
    </>
  );
}
