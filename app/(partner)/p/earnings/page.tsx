import { requirePartner } from '@/lib/auth/guards';
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
  const { partners } = await requirePartner();
  const sp = await searchParams;
  const db = getDb();
  const now = new Date();
  const state = tableStateFrom(sp, SORTS, { sort: 'createdAt', dir: 'desc', pageSize: 25 });
  // one partner record per merchant: balances per merchant and unit
  // with each merchant's custom units, so points and credits show with their own precision
  const balances = (
    await Promise.all(
      partners.map(async (p) => {
        const [sums, units] = await Promise.all([partnerBalances(db, p.workspaceId, now, p.id), listUnits(db, p.workspaceId)]);
        return sums.map((s) => ({ ...s, units }));
      }),
    )
  ).flat();
  const { rows, total } = await partnerRewardsPage(db, partners.map((p) => p.id), { ...state, sort: state.sort as (typeof SORTS)[number] });
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
