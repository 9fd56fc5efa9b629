import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listUnits } from '@/db/queries/units';
import { workspaceTotals } from '@/db/queries/balances';
import { findPayoutBatchId } from '@/db/queries/payout-writes';
import { buildingBatchOf } from '@/db/queries/payout-build';
import { PREVIEW_FILTERS, PREVIEW_SORTS, pagePreviewRows, previewPayoutBatch, type PreviewFilter, type PreviewRow, type PreviewSort } from '@/lib/server/rewards/payout-preview';
import { formatAmount, formatNumber } from '@/lib/format';
import { formatDateTime } from '@/lib/time';
import { Amount } from '@/components/ui/amount';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { PreviewBatchForm } from '@/components/payouts/preview-batch-form';
import { ConfirmBatchForm } from '@/components/payouts/confirm-batch-form';
import { FilterLinks } from '@/components/payouts/filter-links';
import { previewStatusLabel, previewStatusTone } from '@/components/payouts/labels';
import type { WorkspaceTablePageProps } from '@/lib/page-props';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

export default async function PayoutBatchPreviewPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const db = getDb();
  const base = `/m/${scope.workspaceSlug}/payouts`;
  const name = one(sp.name).slice(0, 100);
  const unit = one(sp.unit).slice(0, 32);
  const filter = PREVIEW_FILTERS.includes(one(sp.show) as PreviewFilter) ? (one(sp.show) as PreviewFilter) : undefined;
  const now = new Date();
  const [units, balances] = await Promise.all([listUnits(db, scope.workspaceId), workspaceTotals(db, scope.workspaceId, now)]);
  const back = <Link href={base} className="text-sm text-brand-700 hover:underline"><span aria-hidden>←</span> Payouts</Link>;

  if (!roleCan(scope.role, 'finance')) {
    return <>{back}<PageHeader title="Preview a payout batch" /><ReadOnlyNotice role={scope.role} can="finance" /></>;
  }
  const [taken, building] = await Promise.all([name ? findPayoutBatchId(db, scope.workspaceId, name) : undefined, buildingBatchOf(db, scope.workspaceId)]);
  const nameError = !name ? 'is required' : taken ? 'is taken: a batch of this name exists already' : undefined;
  const form = <PreviewBatchForm workspaceSlug={scope.workspaceSlug} units={[...new Set([...balances.map((b) => b.unit), unit])].filter(Boolean)} reference={name} unit={unit} error={nameError ? `Batch name ${nameError}.` : undefined} />;
  if (nameError) {
    return <>{back}<PageHeader title="Preview a payout batch" /><Card title="Batch">{form}</Card></>;
  }

  const preview = await previewPayoutBatch(db, scope.workspaceId, { at: now, units: unit ? [unit] : undefined });
  const state = tableStateFrom(sp, PREVIEW_SORTS, { sort: 'partner', dir: 'asc', pageSize: 50 });
  const page = pagePreviewRows(preview.rows, { ...state, sort: state.sort as PreviewSort, filter });
  const count = (f: PreviewFilter) => pagePreviewRows(preview.rows, { page: 1, pageSize: 1, sort: 'partner', dir: 'asc', filter: f }).total;
  const columns: Column<PreviewRow>[] = [
    { key: 'partner', header: 'Partner', sortKey: 'partner', cell: (r) => <span className="flex flex-col"><span className="font-medium text-slate-900">{r.partnerName}</span><span className="text-xs text-slate-500">{r.partnerEmail}</span></span> },
    { key: 'entries', header: 'Entries', className: 'text-right tabular-nums', cell: (r) => formatNumber(r.entries) },
    { key: 'amount', header: 'Amount', sortKey: 'amount', className: 'text-right', cell: (r) => <Amount value={r.amount} unit={r.unit} units={units} /> },
    {
      key: 'status', header: 'In this batch', sortKey: 'status',
      cell: (r) => (
        <span className="flex min-w-[13rem] flex-wrap gap-1">
          <Badge tone={previewStatusTone[r.status]}>{previewStatusLabel[r.status]}</Badge>
          {r.status === 'will_pay' && r.needsPayoutDetails ? <Badge tone="red">Needs payout details</Badge> : null}
        </span>
      ),
    },
  ];
  const totalsText = preview.totals.filter((t) => t.payouts > 0).map((t) => formatAmount(t.amount, t.unit, { units })).join(' and ');
  const linkParams = { name, unit: unit || undefined, show: filter };

  return (
    <>
      {back}
      <PageHeader title={`Preview: ${name}`} description={`What a batch created now would pay, as of ${formatDateTime(now, scope.timeZone)}${unit ? `, ${unit} only` : ''}. Nothing is created until you confirm.`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2" data-testid="preview-totals">
            {preview.totals.length === 0 ? <EmptyState title="Nothing payable">No partner has a payable balance{unit ? ` in ${unit}` : ''} right now.</EmptyState> : null}
            {preview.totals.map((t) => (
              <Card key={t.unit} title={t.unit}>
                <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                  <dt className="text-slate-500">To pay</dt>
                  <dd className="text-right" data-testid={`preview-${t.unit}-amount`}><Amount value={t.amount} unit={t.unit} units={units} /></dd>
                  <dt className="text-slate-500">Payouts</dt><dd className="text-right tabular-nums">{formatNumber(t.payouts)}</dd>
                  <dt className="text-slate-500">Carried forward</dt>
                  <dd className="text-right tabular-nums">
                    <Amount value={t.carriedAmount} unit={t.unit} units={units} showUnit={false} />
                    <span className="text-xs text-slate-500"> ({t.carried === 1 ? '1 balance' : `${formatNumber(t.carried)} balances`})</span>
                  </dd>
                  {t.needsPayoutDetails ? <><dt className="text-red-700">Need payout details</dt><dd className="text-right tabular-nums text-red-700">{formatNumber(t.needsPayoutDetails)}</dd></> : null}
                </dl>
              </Card>
            ))}
          </div>
          {preview.needsPayoutDetails ? (
            <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
              {formatNumber(preview.needsPayoutDetails)} {preview.needsPayoutDetails === 1 ? 'payout needs' : 'payouts need'} payout details: the partner has not entered where to send the money.
              They are created like the others and flagged on the batch page; pay them by hand or once the partner adds details in the portal.
            </p>
          ) : null}
          <FilterLinks
            basePath={`${base}/preview`} params={linkParams} name="show" current={filter} label="Show"
            options={[
              { value: '', label: 'All', count: preview.rows.length },
              { value: 'will_pay', label: 'Will be paid', count: count('will_pay') },
              { value: 'below_minimum', label: 'Below minimum', count: count('below_minimum') },
              { value: 'not_positive', label: 'Not positive', count: count('not_positive') },
              { value: 'needs_details', label: 'Needs payout details', count: count('needs_details') },
            ]}
          />
          <ServerTable
            rows={page.rows} total={page.total} columns={columns} state={state} basePath={`${base}/preview`} params={linkParams}
            rowKey={(r) => `${r.partnerId}-${r.unit}`}
            empty={<EmptyState title="No partner here">No payable balance matches this filter.</EmptyState>}
          />
        </div>
        <div className="min-w-0 space-y-6">
          <Card title="Confirm">
            {building ? (
              <p role="note" className="text-sm text-slate-700">
                Batch <Link className="font-medium text-brand-700 hover:underline" href={`${base}/${building.id}`}>{building.reference}</Link> is still being built
                ({formatNumber(building.partnersDone)} of {formatNumber(building.partnersTotal)} partners). Confirm this one when it is ready: until then its balances still show here.
              </p>
            ) : preview.payouts === 0 ? (
              <p className="text-sm text-slate-600">Nothing to pay: no payable balance reaches its minimum. Balances carry forward to a later batch.</p>
            ) : (
              <ConfirmBatchForm
                workspaceSlug={scope.workspaceSlug} reference={name} unit={unit} preview={preview.fingerprint}
                submitLabel={`Create batch with ${preview.payouts === 1 ? '1 payout' : `${formatNumber(preview.payouts)} payouts`}`}
                summary={`Creates “${name}”: ${formatNumber(preview.payouts)} ${preview.payouts === 1 ? 'payout' : 'payouts'} for ${totalsText}, all processing until you mark them paid. Carried-forward balances stay for a later batch. If balances change before you confirm, nothing is created and this preview updates.`}
              />
            )}
          </Card>
          <Card title="Change the batch">{form}</Card>
        </div>
      </div>
    </>
  );
}
