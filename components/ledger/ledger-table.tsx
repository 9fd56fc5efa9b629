import Link from 'next/link';
import { formatDate } from '@/lib/time';
import type { LedgerRow } from '@/db/queries/ledger-list';
import { Badge } from '../ui/card';
import { Amount } from '../ui/amount';
import { ServerTable, type Column, type TableState } from '../data-table/server-table';

const kindTone = { commission: 'green', bonus: 'blue', reversal: 'amber', clawback: 'red' } as const;
const statusTone = { pending: 'slate', payable: 'green', processing: 'amber', paid: 'blue' } as const;

/** §5 bucket of one entry at `now`: the engine's balanceBucket and the ledger's status filter agree. */
export function entryStatus(row: Pick<LedgerRow, 'payoutStatus' | 'payableAt'>, now: Date): keyof typeof statusTone {
  if (row.payoutStatus === 'processing' || row.payoutStatus === 'paid') return row.payoutStatus;
  return row.payableAt && row.payableAt <= now ? 'payable' : 'pending';
}

/**
 * The ledger as a server-paged table; each row links to the entry's explanation and, where the
 * caller gives `eventPath` (the console), its order to the event's page.
 */
export function LedgerTable({
  rows, total, state, basePath, params, detailPath, eventPath, showWorkspace = false, now, empty, timeZone,
}: {
  rows: LedgerRow[];
  total: number;
  state: TableState;
  basePath: string;
  params: Record<string, string | undefined>;
  detailPath: (id: string) => string;
  eventPath?: (eventId: string) => string;
  showWorkspace?: boolean;
  now: Date;
  empty: React.ReactNode;
  /** the workspace's zone for the console; the portal leaves it out (UTC) */
  timeZone?: string;
}) {
  const columns: Column<LedgerRow>[] = [
    { key: 'createdAt', header: 'Recorded', sortKey: 'createdAt', cell: (r) => <span className="whitespace-nowrap">{r.createdAt ? formatDate(r.createdAt, timeZone) : ''}</span> },
    ...(showWorkspace ? [{ key: 'ws', header: 'Merchant', cell: (r: LedgerRow) => r.workspaceName }] : [{ key: 'partner', header: 'Partner', cell: (r: LedgerRow) => r.partnerName }]),
    { key: 'source', header: 'Program / pool', cell: (r) => r.programName ?? (r.poolName ? `${r.poolName} ${r.poolPeriod}` : '—') },
    { key: 'kind', header: 'Kind', cell: (r) => <Badge tone={kindTone[r.kind!]}>{r.kind}</Badge> },
    { key: 'rule', header: 'Rule', cell: (r) => <span className="whitespace-nowrap text-xs">{r.rule?.replaceAll('_', ' ') ?? '—'}{r.ruleName ? ` “${r.ruleName}”` : ''}</span> },
    {
      key: 'order', header: 'Order',
      cell: (r) =>
        r.orderRef && r.eventId && eventPath ? (
          <Link href={eventPath(r.eventId)} className="font-mono text-xs text-brand-700 hover:underline">{r.orderRef}</Link>
        ) : (
          <code className="text-xs">{r.orderRef ?? '—'}</code>
        ),
    },
    {
      key: 'amount', header: 'Amount', sortKey: 'amount', className: 'text-right',
      cell: (r) => <Amount value={r.amount ?? '0'} unit={r.unit ?? ''} className={r.amount?.startsWith('-') ? 'text-red-700' : ''} />,
    },
    { key: 'payableAt', header: 'Payable from', sortKey: 'payableAt', cell: (r) => <span className="whitespace-nowrap">{r.payableAt ? formatDate(r.payableAt, timeZone) : ''}</span> },
    { key: 'status', header: 'Status', cell: (r) => { const s = entryStatus(r, now); return <Badge tone={statusTone[s]}>{s}</Badge>; } },
    { key: 'why', header: '', cell: (r) => <Link href={detailPath(r.id)} className="text-xs font-medium text-brand-700 hover:underline">Why?</Link> },
  ];
  return <ServerTable rows={rows} total={total} columns={columns} state={state} basePath={basePath} params={params} rowKey={(r) => r.id} empty={empty} />;
}
