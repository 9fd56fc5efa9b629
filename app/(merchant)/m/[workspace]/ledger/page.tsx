import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listWorkspaceLedger } from '@/db/queries/ledger-list';
import { ENTRY_KINDS } from '@/lib/domain/ledger';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { tableStateFrom } from '@/components/data-table/server-table';
import { LedgerTable } from '@/components/ledger/ledger-table';
import type { WorkspaceTablePageProps } from '@/lib/page-props';
import { FilterBar } from '@/components/data-table/filter-bar';

const SORTS = ['createdAt', 'amount', 'payableAt'] as const;
const KINDS = ENTRY_KINDS;

export default async function LedgerPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const state = tableStateFrom(sp, SORTS, { sort: 'createdAt', dir: 'desc', pageSize: 50 });
  const kind = KINDS.find((k) => k === sp.kind);
  const search = typeof sp.q === 'string' && sp.q ? sp.q.slice(0, 100) : undefined;
  const { rows, total } = await listWorkspaceLedger(getDb(), scope.workspaceId, { ...state, sort: state.sort as (typeof SORTS)[number], kind, search });
  const base = `/m/${scope.workspaceSlug}/ledger`;
  return (
    <>
      <PageHeader title="Ledger" description="Every commission, bonus, reversal and clawback. Entries are never edited; corrections are new entries." />
      <FilterBar basePath={base} search={{ value: search, placeholder: 'Partner or order id' }} select={{ name: 'kind', value: kind, label: 'Kind', allLabel: 'All kinds', options: KINDS }} />
      <LedgerTable
        rows={rows} total={total} state={state} basePath={base} params={{ kind, q: search }} now={new Date()}
        detailPath={(id) => `${base}/${id}`}
        empty={<EmptyState title="No ledger entries">Rewards appear here as orders, refunds and milestones are processed.</EmptyState>}
      />
    </>
  );
}
