import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listPartnerDirectory, type PartnerDirectoryRow } from '@/db/queries/partners';
import { listPrograms } from '@/db/queries/programs';
import { ENROLLMENT_STATUSES } from '@/lib/domain/enrollments';
import { PARTNER_CATEGORIES } from '@/lib/domain/programs';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { PartnerFilters } from '@/components/partners/partner-filters';
import { ProgramTags } from '@/components/partners/enrollment-status';
import { QuickDecision } from '@/components/partners/quick-decision';
import { formatDate } from '@/lib/time';
import type { WorkspaceTablePageProps } from '@/lib/page-props';

const SORTS = ['name', 'email', 'createdAt'] as const;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function PartnersPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const db = getDb();
  const state = tableStateFrom(sp, SORTS, { sort: 'createdAt', dir: 'desc' });
  const programs = await listPrograms(db, scope.workspaceId);
  // anything not in the lists is ignored rather than an error: the query string is the user's
  const status = ENROLLMENT_STATUSES.find((s) => s === one(sp.status));
  const category = PARTNER_CATEGORIES.find((c) => c === one(sp.category));
  const programId = programs.find((p) => p.id === one(sp.program))?.id;
  const q = one(sp.q)?.trim().slice(0, 100) || undefined;
  const { rows, total } = await listPartnerDirectory(db, scope.workspaceId, {
    ...state,
    sort: state.sort as (typeof SORTS)[number],
    search: q,
    status,
    programId,
    category,
  });
  const base = `/m/${scope.workspaceSlug}/partners`;
  const pending = programs.reduce((n, p) => n + p.pendingPartners, 0);
  const canManage = roleCan(scope.role, 'manage');
  const columns: Column<PartnerDirectoryRow>[] = [
    {
      key: 'name',
      header: 'Partner',
      sortKey: 'name',
      cell: (r) => (
        <Link href={`${base}/${r.id}`} className="font-medium text-brand-700 hover:underline">
          {r.name}
          {r.company ? <span className="block text-xs font-normal text-slate-500">{r.company}</span> : null}
          {/* narrow screens: the email under the name instead of its own column */}
          <span className="block break-words text-xs font-normal text-slate-500 sm:hidden">{r.email}</span>
        </Link>
      ),
    },
    { key: 'email', header: 'Email', sortKey: 'email', className: 'hidden sm:table-cell', cell: (r) => <span className="break-words">{r.email}</span> },
    { key: 'programs', header: 'Programs', cell: (r) => <ProgramTags programs={r.programs} /> },
    { key: 'createdAt', header: 'Since', sortKey: 'createdAt', className: 'hidden md:table-cell', cell: (r) => <span className="whitespace-nowrap">{formatDate(r.createdAt, scope.timeZone)}</span> },
    ...(canManage
      ? [{
          key: 'decide',
          header: 'Applications',
          cell: (r: PartnerDirectoryRow) => {
            const waiting = r.programs.filter((p) => p.status === 'pending');
            return (
              <div className="flex flex-col gap-1">
                {waiting.map((p) => (
                  <QuickDecision key={p.enrollmentId} workspaceSlug={scope.workspaceSlug} enrollmentId={p.enrollmentId} programName={p.name} showProgram={waiting.length > 1} />
                ))}
              </div>
            );
          },
        }]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="Partners"
        description="Everyone enrolled in your programs, one row per partner; open a partner to decide applications, set special terms and give coupons."
        action={
          pending ? (
            <Link href={`${base}?status=pending`} className="rounded-md bg-amber-50 px-3 py-1.5 text-sm font-medium text-amber-800 ring-1 ring-amber-200 hover:bg-amber-100">
              {pending} application{pending === 1 ? '' : 's'} waiting
            </Link>
          ) : undefined
        }
      />
      <ReadOnlyNotice role={scope.role} />
      <PartnerFilters basePath={base} values={{ q, status, program: programId, category }} programs={programs.map((p) => ({ id: p.id, name: p.name }))} />
      <ServerTable
        rows={rows}
        total={total}
        columns={columns}
        state={state}
        basePath={base}
        params={{ q, status, program: programId, category }}
        rowKey={(r) => r.id}
        empty={
          q || status || programId || category ? (
            <EmptyState title="No partner matches these filters" action={<Link href={base} className="text-sm text-brand-700">Clear the filters</Link>} />
          ) : (
            <EmptyState title="No partners yet">Share a program&apos;s join page; applications appear here.</EmptyState>
          )
        }
      />
    </>
  );
}
