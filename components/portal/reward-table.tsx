import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PortalRewardRow } from '@/lib/server/portal-rewards';
import { Badge } from '../ui/card';
import { Amount } from '../ui/amount';
import { ServerTable, type Column, type TableState } from '../data-table/server-table';
import { entryStatus } from '../ledger/ledger-table';
import { REWARD_KIND_LABEL, REWARD_KIND_TONE, STATUS_TONE } from './reward-words';

/**
 * The partner's rewards as a server-paged table, each row saying in one sentence what it was paid
 * for (lib/explain/partner-*), with the merchant, amount, status and a link to the full "Why?".
 */
export function RewardTable({ rows, total, state, now, empty }: { rows: PortalRewardRow[]; total: number; state: TableState; now: Date; empty: ReactNode }) {
  const columns: Column<PortalRewardRow>[] = [
    {
      key: 'reward', header: 'What it is for',
      cell: (r) => (
        <div className="min-w-[12rem] max-w-xl sm:min-w-[16rem]">
          <p className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
            <Badge tone={REWARD_KIND_TONE[r.kind!]}>{REWARD_KIND_LABEL[r.kind!]}</Badge>
            <span>{r.workspaceName} · {r.programName ?? (r.poolName ? `${r.poolName} ${r.poolPeriod}` : '')}</span>
          </p>
          <p className="text-sm leading-snug text-slate-800" data-testid="reward-sentence">{r.headline}</p>
        </div>
      ),
    },
    {
      key: 'amount', header: 'Amount', sortKey: 'amount', className: 'text-right',
      cell: (r) => <Amount value={r.amount ?? '0'} unit={r.unit ?? ''} className={r.amount?.startsWith('-') ? 'text-red-700' : ''} />,
    },
    { key: 'status', header: 'Status', cell: (r) => { const s = entryStatus(r, now); return <Badge tone={STATUS_TONE[s]}>{s}</Badge>; } },
    { key: 'why', header: '', cell: (r) => <Link href={`/p/earnings/${r.id}`} className="whitespace-nowrap text-xs font-medium text-brand-700 hover:underline">Why?</Link> },
    { key: 'payableAt', header: 'Payable from', sortKey: 'payableAt', cell: (r) => <span className="whitespace-nowrap">{r.payableAt?.toISOString().slice(0, 10)}</span> },
    { key: 'createdAt', header: 'Recorded', sortKey: 'createdAt', cell: (r) => <span className="whitespace-nowrap">{r.createdAt?.toISOString().slice(0, 10)}</span> },
  ];
  return <ServerTable rows={rows} total={total} columns={columns} state={state} basePath="/p/earnings" rowKey={(r) => r.id} empty={empty} />;
}
