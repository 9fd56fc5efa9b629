import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { DEAL_STATUSES } from '@/lib/domain/deals';
import { listDealsOfWorkspace, type DealRow, type DealSort } from '@/db/queries/deals';
import { roleCan } from '@/lib/domain/roles';
import { formatDate } from '@/lib/time';
import type { WorkspaceTablePageProps } from '@/lib/page-props';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { DealMatch, DealStatusBadge } from '@/components/deals/deal-status';
import { DealDecision } from '@/components/deals/deal-decision';
import { FilterBar } from '@/components/data-table/filter-bar';

const SORTS = ['status', 'registeredAt', 'expiresAt', 'partner', 'program'] as const satisfies readonly DealSort[];

export default async function DealsPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  // the default order is the review queue: pending first, oldest first
  const state = tableStateFrom(sp, SORTS, { sort: 'status', dir: 'asc' });
  const status = DEAL_STATUSES.find((s) => s === sp.status);
  // registrations past their date read as expired (derived by the query; a job persists it later)
  const { rows, total } = await listDealsOfWorkspace(getDb(), scope.workspaceId, { ...state, sort: state.sort as DealSort, status, asOf: new Date() });
  const base = `/m/${scope.workspaceSlug}/deals`;
  const canManage = roleCan(scope.role, 'manage');
  const columns: Column<DealRow>[] = [
    {
      key: 'prospect',
      header: 'Prospect',
      cell: (r) => (
        <div className="flex flex-col">
          <span className="font-medium text-slate-900">{r.prospectName || '—'}</span>
          <DealMatch matchType={r.matchType} matchValue={r.matchValue} />
          {r.notes ? <span className="mt-1 max-w-xs break-words text-xs text-slate-600">{r.notes}</span> : null}
        </div>
      ),
    },
    { key: 'partner', header: 'Partner', sortKey: 'partner', cell: (r) => <>{r.partnerName} <span className="block text-xs text-slate-500">{r.partnerEmail}</span></> },
    { key: 'program', header: 'Program', sortKey: 'program', cell: (r) => r.programName },
    { key: 'status', header: 'Status', sortKey: 'status', cell: (r) => <DealStatusBadge status={r.status} /> },
    { key: 'registered', header: 'Registered', sortKey: 'registeredAt', cell: (r) => <span className="whitespace-nowrap">{formatDate(r.registeredAt, scope.timeZone)}</span> },
    { key: 'expires', header: 'Expires', sortKey: 'expiresAt', cell: (r) => <span className="whitespace-nowrap">{formatDate(r.expiresAt, scope.timeZone)}</span> },
    ...(canManage
      ? [{ key: 'actions', header: '', cell: (r: DealRow) => <DealDecision workspaceSlug={scope.workspaceSlug} dealId={r.id} status={r.status} /> }]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="Deal registrations"
        description="Prospects your partners claim. An approved registration credits its partner for the prospect's orders in that program until it expires."
      />
      <ReadOnlyNotice role={scope.role} />
      <FilterBar basePath={base} select={{ name: 'status', value: status, label: 'Status', allLabel: 'All statuses', options: DEAL_STATUSES }} />
      <ServerTable
        rows={rows}
        total={total}
        columns={columns}
        state={state}
        basePath={base}
        params={{ status }}
        rowKey={(r) => r.id}
        empty={
          <EmptyState title={status ? `No ${status} registrations` : 'No deal registrations yet'}>
            Partners register prospects from their portal; they wait here for your decision.
          </EmptyState>
        }
      />
    </>
  );
}
