import { requirePortalScope } from '@/lib/server/portal-scope';
import { getDb } from '@/db/client';
import { partnerBalances } from '@/db/queries/balances';
import { listUnits } from '@/db/queries/units';
import { partnerRewardsPage } from '@/lib/server/portal-rewards';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { BalanceBar } from '@/components/charts/balance-bar';
import { tableStateFrom } from '@/components/data-table/server-table';
import { RewardTable } from '@/components/portal/reward-table';

const SORTS = ['createdAt', 'amount', 'payableAt'] as const;

export default async function EarningsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // the merchant the partner chose in the header: its balances and rewards only
  const { partner, workspace } = await requirePortalScope();
  const sp = await searchParams;
  const db = getDb();
  const now = new Date();
  const state = tableStateFrom(sp, SORTS, { sort: 'createdAt', dir: 'desc', pageSize: 25 });
  // balances per unit, with the merchant's custom units so points and credits show with their own precision
  const [sums, units, { rows, total }] = await Promise.all([
    partnerBalances(db, workspace.id, now, partner.id),
    listUnits(db, workspace.id),
    partnerRewardsPage(db, [partner.id], { ...state, sort: state.sort as (typeof SORTS)[number] }),
  ]);
  const balances = sums.map((s) => ({ ...s, units }));
  return (
    <>
      <PageHeader title="Earnings" description="Every reward in plain words. Pending rewards wait out the merchant's refund window; payable ones go into the next payout." />
      {balances.length ? (
        <div className="mb-8 grid grid-cols-1 gap-4 lg:grid-cols-3">
          {balances.map((b) => <BalanceBar key={`${b.partnerId}-${b.unit}`} unit={b.unit} sums={b} units={b.units} />)}
        </div>
      ) : null}
      <RewardTable
        rows={rows} total={total} state={state} now={now}
        empty={<EmptyState title="No rewards yet">Share your links and coupons; rewards appear here with the reason they were paid.</EmptyState>}
      />
    </>
  );
}
