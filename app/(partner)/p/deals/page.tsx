import { requirePortalScope } from '@/lib/server/portal-scope';
import { getDb } from '@/db/client';
import { DEAL_STATUSES } from '@/lib/domain/deals';
import { listDealsOfPartners, type DealRow } from '@/db/queries/deals';
import { partnerEnrollmentsWithTerms } from '@/db/queries/portal-dashboard';
import { formatDate } from '@/lib/time';
import type { SearchParams } from '@/lib/page-props';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { DealMatch, DealStatusBadge } from '@/components/deals/deal-status';
import { RegisterDealForm } from '@/components/deals/register-deal-form';
import { FilterBar } from '@/components/data-table/filter-bar';

const base = '/p/deals';

export default async function DealsPage({ searchParams }: { searchParams: SearchParams }) {
  // the merchant chosen in the header: its programs and registrations only
  const { partner, workspace } = await requirePortalScope();
  const sp = await searchParams;
  const db = getDb();
  const state = tableStateFrom(sp, ['registeredAt'], { sort: 'registeredAt', dir: 'desc' });
  const status = DEAL_STATUSES.find((s) => s === sp.status);
  const [enrolled, { rows, total }] = await Promise.all([
    partnerEnrollmentsWithTerms(db, workspace.id, partner.id),
    // registrations past their date read as expired (derived by the query; a job persists it later)
    listDealsOfPartners(db, [partner.id], { page: state.page, pageSize: state.pageSize, status, asOf: new Date() }),
  ]);
  // a deal can be registered in an approved enrollment of an active program
  const programs = enrolled.filter((e) => e.status === 'approved' && e.programStatus === 'active');
  const columns: Column<DealRow>[] = [
    {
      key: 'prospect',
      header: 'Prospect',
      cell: (r) => (
        <div className="flex flex-col">
          <span className="font-medium text-slate-900">{r.prospectName || '—'}</span>
          <DealMatch matchType={r.matchType} matchValue={r.matchValue} />
        </div>
      ),
    },
    { key: 'program', header: 'Program', cell: (r) => <>{r.programName}</> },
    { key: 'status', header: 'Status', cell: (r) => <DealStatusBadge status={r.status} /> },
    { key: 'registered', header: 'Registered', cell: (r) => formatDate(r.registeredAt, workspace.timeZone) },
    { key: 'expires', header: 'Expires', cell: (r) => formatDate(r.expiresAt, workspace.timeZone) },
    { key: 'notes', header: 'Notes', className: 'max-w-xs text-xs text-slate-600', cell: (r) => <span className="line-clamp-2 break-words">{r.notes}</span> },
  ];
  return (
    <>
      <PageHeader title="Deal registrations" description="Claim a prospect before they buy; once the merchant approves it, their orders credit you until it expires." />
      <div className="flex flex-col gap-6">
        {programs.length > 0 ? (
          <Card title="Register a deal">
            <RegisterDealForm programs={programs.map((p) => ({ enrollmentId: p.enrollmentId, label: p.name }))} />
          </Card>
        ) : null}
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
              {programs.length > 0 ? 'Register a prospect above; the merchant reviews it.' : 'Once a merchant approves you in a program, you can register deals here.'}
            </EmptyState>
          }
        />
      </div>
    </>
  );
}
