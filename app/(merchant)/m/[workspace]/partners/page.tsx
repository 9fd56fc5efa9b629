import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listPartnerEnrollments, type PartnerListRow } from '@/db/queries/partners';
import { ENROLLMENT_STATUSES } from '@/lib/domain/enrollments';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { EnrollmentDecision } from '@/components/merchant/enrollment-decision';
import { formatDate } from '@/lib/format';
import type { WorkspaceTablePageProps } from '@/lib/page-props';
import { FilterBar } from '@/components/data-table/filter-bar';

const SORTS = ['name', 'email', 'createdAt'] as const;
const tone = { approved: 'green', pending: 'amber', suspended: 'red', rejected: 'slate' } as const;

export default async function PartnersPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const state = tableStateFrom(sp, SORTS, { sort: 'createdAt', dir: 'desc' });
  const status = ENROLLMENT_STATUSES.find((s) => s === sp.status);
  const search = typeof sp.q === 'string' ? sp.q.slice(0, 100) : undefined;
  const { rows, total } = await listPartnerEnrollments(getDb(), scope.workspaceId, {
    ...state,
    sort: state.sort as (typeof SORTS)[number],
    status,
    search,
  });
  const base = `/m/${scope.workspaceSlug}/partners`;
  const canManage = roleCan(scope.role, 'manage');
  const columns: Column<PartnerListRow>[] = [
    { key: 'name', header: 'Partner', sortKey: 'name', cell: (r) => <span className="font-medium text-slate-900">{r.name}</span> },
    { key: 'email', header: 'Email', sortKey: 'email', cell: (r) => r.email },
    { key: 'program', header: 'Program', cell: (r) => r.programName },
    { key: 'status', header: 'Status', cell: (r) => <Badge tone={tone[r.status]}>{r.status}</Badge> },
    { key: 'applied', header: 'Applied', sortKey: 'createdAt', cell: (r) => formatDate(r.appliedAt) },
    ...(canManage
      ? [{ key: 'actions', header: '', cell: (r: PartnerListRow) => <EnrollmentDecision workspaceSlug={scope.workspaceSlug} enrollmentId={r.enrollmentId} status={r.status} /> }]
      : []),
  ];
  return (
    <>
      <PageHeader title="Partners" description="Applications and enrollments across your programs." />
      <FilterBar basePath={base} search={{ value: search, placeholder: 'Search name or email' }} select={{ name: 'status', value: status, label: 'Status', allLabel: 'All statuses', options: ENROLLMENT_STATUSES }} />
      <ServerTable
        rows={rows}
        total={total}
        columns={columns}
        state={state}
        basePath={base}
        params={{ status, q: search }}
        rowKey={(r) => r.enrollmentId}
        empty={<EmptyState title="No partners yet">Share a program&apos;s join page; applications appear here.</EmptyState>}
      />
    </>
  );
}
