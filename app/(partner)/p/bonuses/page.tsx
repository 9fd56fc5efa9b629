import { requirePortalScope } from '@/lib/server/portal-scope';
import { getDb } from '@/db/client';
import { partnerBonuses } from '@/lib/server/portal-bonuses';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { BonusPool } from '@/components/portal/bonus-pool';

/** Performance pools the partner takes part in, merchant by merchant: progress now and past periods. */
export default async function BonusesPage() {
  // the merchant chosen in the header: its pools only
  const { partner, workspace } = await requirePortalScope();
  const pools = await partnerBonuses(getDb(), [{ id: partner.id, workspaceId: workspace.id }], new Date());
  // one section per merchant (by workspace: two merchants may share a name)
  const merchants = [...new Map(pools.map((p) => [p.workspaceId, p.workspaceName])).entries()];
  return (
    <>
      <PageHeader title="Bonuses" description="Performance pools you take part in: how far you are this period, and what past periods paid you." />
      {merchants.length === 0 ? (
        <EmptyState title="No bonus pool yet">When a merchant runs a performance pool for one of your programs, your progress toward its goal shows here.</EmptyState>
      ) : (
        <div className="space-y-8">
          {merchants.map(([workspaceId, merchant]) => (
            <section key={workspaceId} aria-label={`Bonuses from ${merchant}`}>
              <h2 className="mb-3 text-base font-semibold text-slate-900">From {merchant}</h2>
              <div className="space-y-6">
                {pools.filter((p) => p.workspaceId === workspaceId).map((p) => <BonusPool key={p.poolId} pool={p} />)}
              </div>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
