import Link from 'next/link';
import type { PartnerEntryRow } from '@/db/queries/partner-detail';
import type { UnitPrecision } from '@/lib/format';
import { formatDate } from '@/lib/format';
import { Amount } from '../ui/amount';
import { Badge, Card } from '../ui/card';
import { ServerTable, type Column, type TableState } from '../data-table/server-table';
import { entryStatus } from '../ledger/ledger-table';

export interface BalanceRow {
  unit: string;
  pending: string;
  payable: string;
  processing: string;
  paid: string;
}

const BUCKETS = [
  ['pending', 'Pending', 'within its hold period'],
  ['payable', 'Payable', 'in the next payout batch'],
  ['processing', 'Processing', 'in a payout being sent'],
  ['paid', 'Paid', 'paid out'],
] as const;

/** The partner's balances per unit, in the four buckets of SPEC §5. */
export function BalancesSection({ balances, units }: { balances: BalanceRow[]; units: readonly UnitPrecision[] }) {
  return (
    <Card title="Balances">
      {balances.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing earned yet.</p>
      ) : (
        <div className="flex flex-col gap-4">
          {balances.map((b) => (
            <dl key={b.unit} className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label={`Balances in ${b.unit}`}>
              {BUCKETS.map(([key, label, hint]) => (
                <div key={key} className="rounded-md bg-slate-50 px-3 py-2">
                  <dt className="text-xs text-slate-500" title={hint}>{label}</dt>
                  <dd className="text-base font-semibold text-slate-900"><Amount value={b[key]} unit={b.unit} units={units} /></dd>
                </div>
              ))}
            </dl>
          ))}
        </div>
      )}
    </Card>
  );
}

const kindTone = { commission: 'green', bonus: 'blue', reversal: 'amber', clawback: 'red' } as const;
const statusTone = { pending: 'slate', payable: 'green', processing: 'amber', paid: 'blue' } as const;

/** The partner's ledger entries, paged on the server; each links to its explanation ("Why?"). */
export function EntriesSection({
  workspaceSlug,
  rows,
  total,
  state,
  basePath,
  units,
}: {
  workspaceSlug: string;
  rows: PartnerEntryRow[];
  total: number;
  state: TableState;
  basePath: string;
  units: readonly UnitPrecision[];
}) {
  const now = new Date();
  const columns: Column<PartnerEntryRow>[] = [
    { key: 'createdAt', header: 'Recorded', sortKey: 'createdAt', cell: (r) => <span className="whitespace-nowrap">{formatDate(r.createdAt)}</span> },
    { key: 'source', header: 'Program / pool', cell: (r) => r.programName ?? (r.poolName ? `${r.poolName} ${r.poolPeriod ?? ''}` : '—') },
    { key: 'kind', header: 'Kind', cell: (r) => <Badge tone={kindTone[r.kind]}>{r.kind}</Badge> },
    { key: 'rule', header: 'Rule', cell: (r) => <span className="whitespace-nowrap text-xs">{r.rule?.replaceAll('_', ' ') ?? '—'}{r.ruleName ? ` “${r.ruleName}”` : ''}</span> },
    { key: 'order', header: 'Order', cell: (r) => <code className="text-xs">{r.orderRef ?? '—'}</code> },
    {
      key: 'amount', header: 'Amount', sortKey: 'amount', className: 'text-right',
      cell: (r) => <Amount value={r.amount} unit={r.unit} units={units} className={r.amount.startsWith('-') ? 'text-red-700' : ''} />,
    },
    { key: 'status', header: 'Status', cell: (r) => { const s = entryStatus(r, now); return <Badge tone={statusTone[s]}>{s}</Badge>; } },
    { key: 'why', header: '', cell: (r) => <Link href={`/m/${workspaceSlug}/ledger/${r.id}`} className="text-xs font-medium text-brand-700 hover:underline">Why?</Link> },
  ];
  return (
    <section aria-labelledby="partner-ledger">
      <h2 id="partner-ledger" className="mb-3 text-sm font-semibold text-slate-800">Ledger entries</h2>
      <ServerTable
        rows={rows} total={total} columns={columns} state={state} basePath={basePath} rowKey={(r) => r.id}
        empty={<p className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-6 text-sm text-slate-500">No ledger entry for this partner yet.</p>}
      />
    </section>
  );
}
