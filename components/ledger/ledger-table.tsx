import Link from 'next/link';
import type { LedgerRow } from '@/db/queries/ledger-list';
import { Badge } from '../ui/card';
import { ServerTable, type Column, type TableState } from '../data-table/server-table';

const kindTone = { commission: 'green', bonus: 'blue', reversal: 'amber', clawback: 'red' } as const;
const statusTone = { pending: 'slate', payable: 'green', processing: 'amber', paid: 'blue' } as const;

export function entryStatus(row: Pick<LedgerRow, 'payoutStatus' | 'payableAt'>, now: Date): keyof typeof statusTone {
  if (row.payoutStatus === 'processing' || row.payoutStatus === 'paid') return row.payoutStatus;
  return row.payableAt && row.payableAt <= now ? 'payable' : 'pending';
}

/** The ledger as a server-paged table; each row links to the entry's explanation. */
export function LedgerTable({
  rows, total, state, basePath, params, detailPath, showWorkspace = false, now, empty,
}: {
  rows: LedgerRow[];
  total: number;
  state: TableState;
  basePath: string;
  params: Record<string, string | undefined>;
  detailPath: (id: string) => string;
  showWorkspace?: boolean;
  now: Date;
  empty: React.ReactNode;
}) {
  const columns: Column<LedgerRow>[] = [
    { key: 'createdAt', header: 'Recorded', sortKey: 'createdAt', cell: (r) => r.createdAt?.toISOString().slice(0, 10) },
    ...(showWorkspace ? [{ key: 'ws', header: 'Merchant', cell: (r: LedgerRow) => r.workspaceName }] : [{ key: 'partner', header: 'Partner', cell: (r: LedgerRow) => r.partnerName }]),
    { key: 'source', header: 'Program / pool', cell: (r) => r.programName ?? (r.poolName ? `${r.poolName} ${r.poolPeriod}` : '—') },
    { key: 'kind', header: 'Kind', cell: (r) => <Badge tone={kindTone[r.kind!]}>{r.kind}</Badge> },
    { key: 'rule', header: 'Rule', cell: (r) => <span className="whitespace-nowrap text-xs">{r.rule?.replaceAll('_', ' ') ?? '—'}{r.ruleName ? ` “${r.ruleName}”` : ''}</span> },
    { key: 'order', header: 'Order', cell: (r) => <code className="text-xs">{r.orderRef ?? '—'}</code> },
    {
      key: 'amount', header: 'Amount', sortKey: 'amount', className: 'text-right',
      cell: (r) => <span className={`whitespace-nowrap tabular-nums ${r.amount?.startsWith('-') ? 'text-red-700' : ''}`}>{r.amount} <span className="text-xs text-slate-500">{r.unit}</span></span>,
    },
    { key: 'payableAt', header: 'Payable from', sortKey: 'payableAt', cell: (r) => r.payableAt?.toISOString().slice(0, 10) },
    { key: 'status', header: 'Status', cell: (r) => { const s = entryStatus(r, now); return <Badge tone={statusTone[s]}>{s}</Badge>; } },
    { key: 'why', header: '', cell: (r) => <Link href={detailPath(r.id)} className="text-xs font-medium text-brand-700 hover:underline">Why?</Link> },
  ];
  return <ServerTable rows={rows} total={total} columns={columns} state={state} basePath={basePath} params={params} rowKey={(r) => r.id} empty={empty} />;
}
