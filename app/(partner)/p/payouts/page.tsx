import { requirePortalScope } from '@/lib/server/portal-scope';
import { formatDate } from '@/lib/time';
import { getDb } from '@/db/client';
import { listPayouts, type PayoutRow } from '@/db/queries/payouts-list';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { Amount } from '@/components/ui/amount';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import type { SearchParams } from '@/lib/page-props';
import { PayoutStatusDetail } from '@/components/partner/payout-status-detail';

const tone = { processing: 'amber', paid: 'blue', failed: 'red' } as const;

export default async function PartnerPayoutsPage({ searchParams }: { searchParams: SearchParams }) {
  const { partner, workspace } = await requirePortalScope();
  const state = tableStateFrom(await searchParams, ['batch'], { sort: 'batch', dir: 'desc', pageSize: 25 });
  const { rows, total } = await listPayouts(getDb(), { partnerIds: [partner.id] }, state);
  const columns: Column<PayoutRow>[] = [
    { key: 'batch', header: 'Batch', cell: (r) => <>{r.batch} <span className="text-xs text-slate-500">{formatDate(r.batchAt, workspace.timeZone)}</span></> },
    { key: 'amount', header: 'Amount', className: 'text-right', cell: (r) => <Amount value={r.amount} unit={r.unit} /> },
    { key: 'status', header: 'Status', cell: (r) => <Badge tone={tone[r.status]}>{r.status}</Badge> },
    { key: 'detail', header: 'Details', cell: (r) => <PayoutStatusDetail status={r.status} paidAt={r.paidAt} reference={r.reference} failureReason={r.failureReason} /> },
  ];
  return (
    <>
      <PageHeader title="Payouts" description="Every payout merchants have sent you, with its transfer reference. A failed transfer returns its amount to your payable balance." />
      <ServerTable rows={rows} total={total} columns={columns} state={state} basePath="/p/payouts" rowKey={(r) => r.id}
        empty={<EmptyState title="No payouts yet">Payable rewards are paid in the merchant&apos;s next payout batch.</EmptyState>} />
    </>
  );
}
