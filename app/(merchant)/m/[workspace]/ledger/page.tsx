import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { ledgerFilterChoices, listWorkspaceLedger } from '@/db/queries/ledger-list';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { DownloadLink } from '@/components/ui/download-link';
import { roleCan } from '@/lib/domain/roles';
import { tableStateFrom } from '@/components/data-table/server-table';
import { LedgerTable } from '@/components/ledger/ledger-table';
import type { WorkspaceTablePageProps } from '@/lib/page-props';
import { LedgerFilters } from './ledger-filters';
import { ledgerFiltersFrom, ledgerQueryFilters } from './filters';

const SORTS = ['createdAt', 'amount', 'payableAt'] as const;

export default async function LedgerPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const state = tableStateFrom(sp, SORTS, { sort: 'createdAt', dir: 'desc', pageSize: 50 });
  const filters = ledgerFiltersFrom(sp);
  const now = new Date();
  const db = getDb();
  const { rows, total } = await listWorkspaceLedger(db, scope.workspaceId, { ...state, sort: state.sort as (typeof SORTS)[number], ...ledgerQueryFilters(filters, now) });
  const choices = await ledgerFilterChoices(db, scope.workspaceId);
  const base = `/m/${scope.workspaceSlug}/ledger`;
  const filtered = Object.values(filters).some(Boolean);
  // the file holds every entry under the current filters, not just this page of the table
  const exportQuery = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  const download = roleCan(scope.role, 'finance') ? (
    <DownloadLink href={`${base}/export.csv${exportQuery ? `?${exportQuery}` : ''}`} label="Download CSV" testId="ledger-export" />
  ) : null;
  return (
    <>
      <PageHeader
        title="Ledger"
        description="Every commission, bonus, reversal and clawback. Entries are never edited; corrections are new entries."
        action={download}
      />
      <LedgerFilters basePath={base} values={filters} choices={choices} />
      <LedgerTable
        rows={rows} total={total} state={state} basePath={base} params={{ ...filters }} now={now} timeZone={scope.timeZone}
        detailPath={(id) => `${base}/${id}`}
        eventPath={(id) => `/m/${scope.workspaceSlug}/events/${id}`}
        empty={
          filtered
            ? <EmptyState title="No entry matches these filters">Widen the dates or clear a filter.</EmptyState>
            : <EmptyState title="No ledger entries">Rewards appear here as orders, refunds and milestones are processed.</EmptyState>
        }
      />
    </>
  );
}
