import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { PAYOUT_STATUSES, type PayoutStatus } from '@/lib/domain/payouts';
import { getDb } from '@/db/client';
import { listUnits } from '@/db/queries/units';
import { BATCH_PAYOUT_SORTS, batchPayoutsNeedingDetails, batchTotals, findBatchHeader, listBatchPayouts, type BatchPayoutRow, type BatchPayoutSort } from '@/db/queries/payout-batch';
import { Decimal } from '@/lib/engine';
import { formatNumber } from '@/lib/format';
import { formatDateTime } from '@/lib/time';
import { Amount } from '@/components/ui/amount';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { bulkFileCoverage } from '@/lib/server/exports/bulk-files';
import { BatchDownloads } from '@/components/payouts/batch-downloads';
import { BuildProgress } from '@/components/payouts/build-progress';
import { BULK_FORM_ID, BulkMarkPaid } from '@/components/payouts/bulk-mark-paid';
import { SettlePayout } from '@/components/payouts/forms';
import { FilterLinks } from '@/components/payouts/filter-links';
import { payoutStatusLabel, payoutStatusTone } from '@/components/payouts/labels';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

type Props = { params: Promise<{ workspace: string; batchId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PayoutBatchPage({ params, searchParams }: Props) {
  const { workspace, batchId } = await params;
  const { scope } = await requireMerchant(workspace);
  if (!UUID.test(batchId)) notFound();
  const db = getDb();
  const batch = await findBatchHeader(db, scope.workspaceId, batchId);
  if (!batch) notFound();
  const sp = await searchParams;
  const status = (PAYOUT_STATUSES as readonly string[]).includes(one(sp.status)) ? (one(sp.status) as PayoutStatus) : undefined;
  const needsDetailsOnly = one(sp.details) === 'missing';
  const state = tableStateFrom(sp, BATCH_PAYOUT_SORTS, { sort: 'partner', dir: 'asc', pageSize: 50 });
  const canPay = roleCan(scope.role, 'finance');
  const building = batch.state === 'building';
  const [totals, needingDetails, list, units, coverage] = await Promise.all([
    batchTotals(db, scope.workspaceId, batch.id),
    batchPayoutsNeedingDetails(db, scope.workspaceId, batch.id),
    listBatchPayouts(db, scope.workspaceId, batch.id, { ...state, sort: state.sort as BatchPayoutSort, status, needsDetails: needsDetailsOnly }),
    listUnits(db, scope.workspaceId),
    // the bulk files' coverage, for the download buttons (owners, admins and finance download)
    canPay && !building ? bulkFileCoverage(db, scope.workspaceId, batch.id) : undefined,
  ]);
  const base = `/m/${scope.workspaceSlug}/payouts`;
  const counts = Object.fromEntries(PAYOUT_STATUSES.map((s) => [s, totals.filter((t) => t.status === s).reduce((n, t) => n + t.payouts, 0)])) as Record<PayoutStatus, number>;
  const payoutCount = counts.processing + counts.paid + counts.failed;
  const byUnit = [...new Set(totals.map((t) => t.unit))].map((unit) => ({
    unit,
    rows: PAYOUT_STATUSES.map((s) => totals.find((t) => t.unit === unit && t.status === s) ?? { unit, status: s, payouts: 0, amount: '0' }),
    // what the batch pays: a failed payout gave its entries back
    total: totals.filter((t) => t.unit === unit && t.status !== 'failed').reduce((sum, t) => sum.plus(t.amount), new Decimal(0)).toFixed(),
  }));
  const selectable = canPay && !building;
  const ticking = selectable && counts.processing > 0;

  const columns: Column<BatchPayoutRow>[] = [
    ...(ticking ? [{
      key: 'select', header: '',
      cell: (r: BatchPayoutRow) => r.status === 'processing'
        ? <input type="checkbox" name="payoutId" value={r.id} form={BULK_FORM_ID} aria-label={`Select ${r.partnerName}’s ${r.unit} payout`} className="h-4 w-4" />
        : null,
    }] : []),
    {
      key: 'partner', header: 'Partner', sortKey: 'partner',
      cell: (r) => (
        <span className="flex flex-col">
          <Link href={`/m/${scope.workspaceSlug}/partners/${r.partnerId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{r.partnerName}</Link>
          <span className="text-xs text-slate-500">{r.partnerEmail}</span>
        </span>
      ),
    },
    {
      // the masked summary names the method itself ("PayPal · p•••@example.com")
      key: 'method', header: 'Payout method',
      cell: (r) => r.masked ? <span className="block min-w-[10rem] text-xs text-slate-600">{r.masked}</span> : <Badge tone="red">Needs payout details</Badge>,
    },
    { key: 'amount', header: 'Amount', sortKey: 'amount', className: 'text-right', cell: (r) => <Amount value={r.amount} unit={r.unit} units={units} /> },
    { key: 'status', header: 'Status', sortKey: 'status', cell: (r) => <Badge tone={payoutStatusTone[r.status]}>{payoutStatusLabel[r.status]}</Badge> },
    // a reference once something is paid, a reason once something failed: columns with only dashes are left out
    ...(counts.paid ? [{
      key: 'reference', header: 'Reference',
      cell: (r: BatchPayoutRow) => r.reference
        ? <span className="flex flex-col whitespace-nowrap"><span>{r.reference}</span>{r.paidAt ? <span className="text-xs text-slate-500">{formatDateTime(r.paidAt, scope.timeZone)}</span> : null}</span>
        : <span className="text-slate-400">—</span>,
    }] : []),
    ...(counts.failed ? [{ key: 'failure', header: 'Failure reason', cell: (r: BatchPayoutRow) => r.failureReason ?? <span className="text-slate-400">—</span> }] : []),
    { key: 'entries', header: 'Pays', cell: (r) => <Link href={`${base}/${batch.id}/${r.id}`} className="whitespace-nowrap text-brand-700 hover:underline">{r.entries === 1 ? '1 entry' : `${formatNumber(r.entries)} entries`}</Link> },
    ...(canPay ? [{ key: 'settle', header: '', cell: (r: BatchPayoutRow) => <SettlePayout key={r.id} workspaceSlug={scope.workspaceSlug} payoutId={r.id} processing={r.status === 'processing' && !building} /> }] : []),
  ];
  const filterParams = { status, details: needsDetailsOnly ? 'missing' : undefined, sort: state.sort, dir: state.dir };
  const createdBy = batch.createdByName ?? batch.createdByEmail;

  return (
    <>
      <Link href={base} className="text-sm text-brand-700 hover:underline"><span aria-hidden>←</span> Payouts</Link>
      <PageHeader
        title={batch.reference}
        description={`Created ${formatDateTime(batch.createdAt, scope.timeZone)}${createdBy ? ` by ${createdBy}` : ''}; takes the balances payable at that time${batch.filters.units?.length ? `, ${batch.filters.units.join(', ')} only` : ''}.`}
        action={<Badge tone={building ? 'amber' : 'green'}>{building ? 'Building' : 'Ready'}</Badge>}
      />
      {one(sp.created) === '1' ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
          Batch “{batch.reference}” created{building ? ': its payouts are being written now.' : ` with ${payoutCount === 1 ? '1 payout' : `${formatNumber(payoutCount)} payouts`}.`}
        </p>
      ) : null}
      <BuildProgress done={batch.partnersDone} total={batch.partnersTotal} building={building} />

      <div className={`grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 ${byUnit.length ? 'mb-6' : ''}`} data-testid="batch-totals">
        {byUnit.map((u) => (
          <Card key={u.unit} title={u.unit} action={<Amount value={u.total} unit={u.unit} units={units} testId={`batch-${u.unit}-total`} />}>
            <dl className="grid grid-cols-[1fr_auto_auto] gap-x-3 gap-y-1 text-sm">
              <div className="contents text-xs text-slate-400"><dt /><dd className="text-right">Payouts</dd><dd className="text-right">Amount</dd></div>
              {u.rows.map((r) => (
                <div key={r.status} className="contents">
                  <dt className="text-slate-500">{payoutStatusLabel[r.status]}</dt>
                  <dd className="text-right tabular-nums text-slate-500">{formatNumber(r.payouts)}</dd>
                  <dd className="text-right" data-testid={`batch-${u.unit}-${r.status}`}><Amount value={r.amount} unit={u.unit} units={units} showUnit={false} /></dd>
                </div>
              ))}
            </dl>
          </Card>
        ))}
      </div>
      {needingDetails ? (
        <p role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {needingDetails === 1 ? '1 payout needs' : `${formatNumber(needingDetails)} payouts need`} payout details: the partner has not entered where to send the money.
          Pay by hand, or once the partner adds details in the portal. <Link href={`${base}/${batch.id}?details=missing`} className="font-medium underline">Show them</Link>
        </p>
      ) : null}

      {canPay ? (
        <Card title="Downloads" className="mb-6">
          {coverage ? <BatchDownloads exportPath={`${base}/${batch.id}/export.csv`} coverage={coverage} units={units} /> : <p className="text-sm text-slate-600">The files are ready when the batch is.</p>}
        </Card>
      ) : null}
      <Card title="Mark paid in bulk" className="mb-6">
        <ReadOnlyNotice role={scope.role} can="finance" className="mb-0" />
        {canPay && building ? <p className="text-sm text-slate-600">Settling opens when the batch is ready.</p> : null}
        {selectable ? <BulkMarkPaid workspaceSlug={scope.workspaceSlug} batchId={batch.id} processing={counts.processing} /> : null}
      </Card>
      <FilterLinks
        basePath={`${base}/${batch.id}`} params={filterParams} name="status" current={status} label="Payouts by status"
        options={[{ value: '', label: 'All', count: payoutCount }, ...PAYOUT_STATUSES.map((s) => ({ value: s, label: payoutStatusLabel[s], count: counts[s] }))]}
      />
      <ServerTable
        rows={list.rows} total={list.total} columns={columns} state={state} basePath={`${base}/${batch.id}`} params={{ status, details: needsDetailsOnly ? 'missing' : undefined }}
        rowKey={(r) => r.id}
        empty={<EmptyState title={building ? 'No payouts written yet' : 'No payouts here'}>{building ? 'They appear as the build goes on.' : 'No payout of this batch matches this filter.'}</EmptyState>}
      />
    </>
  );
}
