import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { partnerBalances, workspaceTotals } from '@/db/queries/balances';
import { listBatches, listPayouts, type PayoutRow } from '@/db/queries/payouts-list';
import { listUnits } from '@/db/queries/units';
import { Amount } from '@/components/ui/amount';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { BalanceBar } from '@/components/charts/balance-bar';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import Link from 'next/link';
import { SettlePayout } from '@/components/payouts/forms';
import { PreviewBatchForm } from '@/components/payouts/preview-batch-form';
import { DownloadLink } from '@/components/ui/download-link';
import { formatNumber } from '@/lib/format';
import { formatDate } from '@/lib/time';
import type { WorkspaceTablePageProps } from '@/lib/page-props';

const statusTone = { processing: 'amber', paid: 'blue', failed: 'red' } as const;

export default async function PayoutsPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const db = getDb();
  const now = new Date();
  const state = tableStateFrom(sp, ['batch'], { sort: 'batch', dir: 'desc', pageSize: 25 });
  const [totals, byPartner, batches, awaiting, customUnits] = await Promise.all([
    workspaceTotals(db, scope.workspaceId, now),
    partnerBalances(db, scope.workspaceId, now),
    listBatches(db, scope.workspaceId, { page: 1, pageSize: 12 }),
    listPayouts(db, { workspaceId: scope.workspaceId }, { page: state.page, pageSize: state.pageSize, status: 'processing' }),
    listUnits(db, scope.workspaceId),
  ]);
  const canPay = roleCan(scope.role, 'finance');
  const base = `/m/${scope.workspaceSlug}/payouts`;
  const awaitingColumns: Column<PayoutRow>[] = [
    { key: 'batch', header: 'Batch', cell: (r) => <Link href={`${base}/${r.batchId}`} className="text-brand-700 hover:underline">{r.batch}</Link> },
    { key: 'partner', header: 'Partner', cell: (r) => r.partnerName },
    { key: 'amount', header: 'Amount', className: 'text-right', cell: (r) => <Amount value={r.amount} unit={r.unit} units={customUnits} /> },
    ...(canPay ? [{ key: 'settle', header: '', cell: (r: PayoutRow) => <SettlePayout key={r.id} workspaceSlug={scope.workspaceSlug} payoutId={r.id} /> }] : []),
  ];
  return (
    <>
      <PageHeader title="Payouts" description="Pending entries wait out their hold; payable ones go into the next batch; finance marks transfers paid or failed." />
      <ReadOnlyNotice role={scope.role} can="finance" />
      {totals.length === 0 ? (
        <EmptyState title="Nothing earned yet">Balances appear once partners earn rewards.</EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
          {totals.map((t) => <BalanceBar key={t.unit} unit={t.unit} sums={t} units={customUnits} />)}
        </div>
      )}

      <div className="mt-8 grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <h2 className="mb-3 text-sm font-semibold text-slate-800">Awaiting transfer</h2>
          <ServerTable
            rows={awaiting.rows} total={awaiting.total} columns={awaitingColumns} state={state} basePath={base} rowKey={(r) => r.id}
            empty={<EmptyState title="No payouts in progress">Create a batch to pay the payable balances.</EmptyState>}
          />
        </div>
        {canPay ? (
          <Card title="New payout batch">
            <p className="mb-3 text-sm text-slate-600">See who would be paid, who is below the minimum and who lacks payout details, then confirm.</p>
            <PreviewBatchForm workspaceSlug={scope.workspaceSlug} units={totals.map((t) => t.unit)} reference={`${now.toISOString().slice(0, 10)} payouts`} />
          </Card>
        ) : null}
      </div>

      <div className="mt-8 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Recent batches">
          {batches.rows.length === 0 ? (
            <p className="text-sm text-slate-500">No batches yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {batches.rows.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
                  <span className="min-w-0 break-words">
                    <Link href={`${base}/${b.id}`} className="font-medium text-brand-700 hover:underline">{b.reference}</Link>{' '}
                    <span className="text-xs text-slate-500">{formatDate(b.createdAt, scope.timeZone)}</span>
                  </span>
                  <span className="flex flex-wrap gap-2 text-xs">
                    {b.state === 'building' ? <Badge tone="amber">building {formatNumber(Math.min(b.partnersDone, b.partnersTotal))}/{formatNumber(b.partnersTotal)}</Badge> : null}
                    <span className="text-slate-500">{b.payouts} payouts {b.totals ? `· ${b.totals}` : ''}</span>
                    {b.processing ? <Badge tone={statusTone.processing}>{b.processing} processing</Badge> : null}
                    {b.failed ? <Badge tone={statusTone.failed}>{b.failed} failed</Badge> : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Balances by partner" action={canPay ? <DownloadLink href={`${base}/balances.csv`} label="Balances CSV" testId="download-balances" /> : undefined}>
          <div className="-mx-5 overflow-x-auto px-5">
          <table className="w-full min-w-[28rem] text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr><th className="pb-2">Partner</th><th className="pb-2 text-right">Pending</th><th className="pb-2 text-right">Payable</th><th className="pb-2 text-right">Processing</th><th className="pb-2 text-right">Paid</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {byPartner.map((b) => (
                <tr key={`${b.partnerId}-${b.unit}`}>
                  <td className="py-1.5">{b.partnerName} <span className="text-xs text-slate-500">{b.unit}</span></td>
                  {([b.pending, b.payable, b.processing, b.paid] as const).map((v, i) => (
                    <td key={i} className="py-1.5 text-right"><Amount value={v} unit={b.unit} units={customUnits} showUnit={false} /></td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </Card>
      </div>
    </>
  );
}
