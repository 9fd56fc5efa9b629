import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listUnits } from '@/db/queries/units';
import { findBatchPayout, listPayoutEntries, type PayoutEntryRow } from '@/db/queries/payout-batch';
import { formatDateTime } from '@/lib/time';
import { Amount } from '@/components/ui/amount';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { payoutStatusLabel, payoutStatusTone } from '@/components/payouts/labels';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const kindTone = { commission: 'green', bonus: 'blue', reversal: 'amber', clawback: 'red' } as const;

type Props = { params: Promise<{ workspace: string; batchId: string; payoutId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The ledger entries one payout pays (or paid back into the balance, when its transfer failed). */
export default async function PayoutEntriesPage({ params, searchParams }: Props) {
  const { workspace, batchId, payoutId } = await params;
  const { scope } = await requireMerchant(workspace);
  if (!UUID.test(batchId) || !UUID.test(payoutId)) notFound();
  const db = getDb();
  const payout = await findBatchPayout(db, scope.workspaceId, batchId, payoutId);
  if (!payout) notFound();
  const state = tableStateFrom(await searchParams, ['time'], { sort: 'time', dir: 'asc', pageSize: 50 });
  const [entries, units] = await Promise.all([listPayoutEntries(db, scope.workspaceId, payout.id, state), listUnits(db, scope.workspaceId)]);
  const ws = `/m/${scope.workspaceSlug}`;
  const columns: Column<PayoutEntryRow>[] = [
    { key: 'time', header: 'Recorded', sortKey: 'time', cell: (r) => <span className="whitespace-nowrap">{formatDateTime(r.createdAt, scope.timeZone)}</span> },
    { key: 'kind', header: 'Kind', cell: (r) => <Badge tone={kindTone[r.kind as keyof typeof kindTone] ?? 'slate'}>{r.kind}</Badge> },
    { key: 'rule', header: 'Rule', cell: (r) => <span className="text-xs">{r.programName ? `${r.programName}: ` : ''}{r.rule?.replaceAll('_', ' ') ?? '—'}{r.ruleName ? ` “${r.ruleName}”` : ''}</span> },
    { key: 'order', header: 'Order', cell: (r) => <code className="text-xs">{r.orderRef ?? '—'}</code> },
    { key: 'amount', header: 'Amount', className: 'text-right', cell: (r) => <Amount value={r.amount} unit={r.unit} units={units} className={r.amount.startsWith('-') ? 'text-red-700' : ''} /> },
    { key: 'id', header: 'Entry', cell: (r) => <span className="flex flex-col"><code className="text-xs text-slate-500">{r.id.slice(0, 8)}</code>{r.released ? <span className="text-xs text-amber-700">released: payable again</span> : null}</span> },
    { key: 'why', header: '', cell: (r) => <Link href={`${ws}/ledger/${r.id}`} className="text-xs font-medium text-brand-700 hover:underline">Why?</Link> },
  ];
  return (
    <>
      <Link href={`${ws}/payouts/${batchId}`} className="text-sm text-brand-700 hover:underline"><span aria-hidden>←</span> Batch {payout.batchReference}</Link>
      <PageHeader
        title={`${payout.partnerName}: entries paid`}
        description={payout.status === 'failed'
          ? `This payout failed (${payout.failureReason ?? 'no reason given'}); its entries went back to the payable balance.`
          : `What this payout of the batch “${payout.batchReference}” pays, entry by entry; each links to why it was earned.`}
        action={
          <span className="flex items-center gap-2">
            <Amount value={payout.amount} unit={payout.unit} units={units} className="text-lg font-semibold" />
            <Badge tone={payoutStatusTone[payout.status]}>{payoutStatusLabel[payout.status]}</Badge>
          </span>
        }
      />
      <ServerTable
        rows={entries.rows} total={entries.total} columns={columns} state={state} basePath={`${ws}/payouts/${batchId}/${payoutId}`} rowKey={(r) => r.id}
        empty={<EmptyState title="No entries">This payout holds no entries.</EmptyState>}
      />
    </>
  );
}
