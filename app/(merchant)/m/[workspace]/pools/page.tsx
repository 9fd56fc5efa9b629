import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listPools } from '@/db/queries/setup-lists';
import { namesForIds } from '@/db/queries/names';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ClosePoolForm } from '@/components/merchant/close-pool-form';

function previousPeriod(kind: string, now: Date): string {
  if (kind === 'year') return String(now.getUTCFullYear() - 1);
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
}

export default async function PoolsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const pools = await listPools(db, scope.workspaceId);
  const partnerIds = pools.flatMap((p) => p.closings.flatMap((c) => c.result.standings.map((s) => s.partnerId)));
  const { partnerNames } = await namesForIds(db, scope.workspaceId, partnerIds);
  const canClose = roleCan(scope.role, 'finance');
  return (
    <>
      <PageHeader title="Performance pools" description="A bonus per period shared among partners who beat the goal, in proportion to their metric." />
      {pools.length === 0 ? <EmptyState title="No pools">Create a pool to reward your best partners each quarter or year.</EmptyState> : null}
      <div className="space-y-6">
        {pools.map((p) => (
          <Card key={p.id} title={p.name} action={<Badge tone="blue">{p.amount} {p.unit} per {p.period}</Badge>}>
            <p className="text-sm text-slate-600">
              Metric: {p.metric === 'revenue' ? `credited revenue (${scope.baseCurrency})` : 'new customers'} above {p.goal} · programs: {p.programs.join(', ')}
            </p>
            <div className="mt-4 grid gap-6 lg:grid-cols-3">
              <div className="lg:col-span-2">
                {p.closings.length === 0 ? (
                  <p className="text-sm text-slate-500">No period closed yet.</p>
                ) : (
                  p.closings.map((c) => (
                    <div key={c.period} className="mb-4">
                      <p className="mb-1 text-sm font-medium">{c.period} <span className="text-xs text-slate-500">closed {c.closedAt.toISOString().slice(0, 10)}</span></p>
                      <table className="w-full text-sm">
                        <tbody className="divide-y divide-slate-100 tabular-nums">
                          {c.result.standings.map((s) => (
                            <tr key={s.partnerId}>
                              <td className="py-1">{partnerNames[s.partnerId] ?? s.partnerId}</td>
                              <td className="py-1 text-right">{s.metric}</td>
                              <td className="py-1 text-right">{s.qualified ? <Badge tone="green">bonus {s.bonus} {p.unit}</Badge> : <span className="text-xs text-slate-500">below goal</span>}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ))
                )}
              </div>
              {canClose ? <ClosePoolForm workspaceSlug={scope.workspaceSlug} poolId={p.id} suggestedPeriod={previousPeriod(p.period, new Date())} /> : null}
            </div>
          </Card>
        ))}
      </div>
    </>
  );
}
