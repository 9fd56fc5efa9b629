import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { auditFilterChoices, auditLogIsEmpty, listAuditLog } from '@/db/queries/audit-list';
import { idsIn, namesForIds } from '@/db/queries/names';
import { requireUser } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { AUDIT_SUBJECTS } from '@/lib/domain/audit';
import { auditActor, auditChanges, auditSentence, auditSubjectLabel, auditSubjectWords } from '@/lib/explain/audit';
import { resolveAuditReader } from '@/lib/server/audit-access';
import { formatDateTime } from '@/lib/time';
import type { WorkspaceTablePageProps } from '@/lib/page-props';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { DownloadLink } from '@/components/ui/download-link';
import { tableStateFrom } from '@/components/data-table/server-table';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditTable, type AuditTableRow } from '@/components/audit/audit-table';
import { auditSubjectHref } from '@/components/audit/subject-href';
import { auditFilterParams, auditFiltersFrom, auditQueryFilters } from './filters';

/** Owners, admins and finance read the log; a viewer gets the same 404 as a stranger (lib/server/audit-access.ts). */
async function readerScope(workspaceSlug: string) {
  const user = await requireUser();
  try {
    return await resolveAuditReader(user.id, workspaceSlug);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
}

export default async function AuditPage({ params, searchParams }: WorkspaceTablePageProps) {
  const scope = await readerScope((await params).workspace);
  const sp = await searchParams;
  // newest first, always: the log is read as a timeline
  const state = tableStateFrom(sp, ['at'], { sort: 'at', dir: 'desc', pageSize: 50 });
  const filters = auditFiltersFrom(sp);
  const db = getDb();
  const { rows, total } = await listAuditLog(db, scope.workspaceId, { page: state.page, pageSize: state.pageSize, ...auditQueryFilters(filters) });
  const choices = await auditFilterChoices(db, scope.workspaceId);
  const { partnerNames, otherNames } = await namesForIds(db, scope.workspaceId, rows.flatMap((r) => idsIn([r.subjectId, r.data, r.before, r.after])));
  const names = { ...partnerNames, ...otherNames };
  const base = `/m/${scope.workspaceSlug}`;
  const basePath = `${base}/audit`;
  const query = auditFilterParams(filters);

  const tableRows: AuditTableRow[] = rows.map((r) => {
    const input = { action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, before: r.before, after: r.after, data: r.data };
    // a member, or the API key a REST request acted with
    const actor = auditActor(r);
    const history = new URLSearchParams({ subject: r.subjectType, ...(r.subjectId ? { subjectId: r.subjectId } : {}) });
    return {
      id: r.id,
      at: r.at.toISOString(),
      when: formatDateTime(r.at, scope.timeZone),
      actor,
      action: r.action,
      sentence: auditSentence(input, { actor: actor ? actor.name || actor.email : null, names }),
      changes: auditChanges(r.before, r.after, { names, unit: typeof r.data.unit === 'string' ? r.data.unit : undefined }),
      subject: {
        label: auditSubjectLabel(input, names),
        href: auditSubjectHref(base, r),
        historyHref: r.subjectId && !filters.subjectId ? `${basePath}?${history}` : undefined,
      },
    };
  });
  const filtered = Object.values(filters).some(Boolean);
  const subjectLabel = filters.subjectId && tableRows[0] ? tableRows[0].subject.label : undefined;
  const csv = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every configuration change and payout action: who, when, what before and after. Times in ${scope.timeZone === 'UTC' ? 'UTC' : `${scope.timeZone} time`}; the CSV stays in UTC.`}
        action={<DownloadLink href={`${basePath}/export.csv${csv.size ? `?${csv}` : ''}`} label="Download CSV" testId="audit-csv" />}
      />
      <AuditFilters
        basePath={basePath}
        values={filters}
        subjectLabel={subjectLabel}
        choices={{ actors: choices.actors, apiKeys: choices.apiKeys, actions: choices.actions, subjects: AUDIT_SUBJECTS.map((s) => ({ value: s, label: auditSubjectWords(s) })) }}
      />
      <AuditTable
        rows={tableRows} total={total} state={state} basePath={basePath} params={query}
        empty={
          filtered && !(await auditLogIsEmpty(db, scope.workspaceId))
            ? <EmptyState title="No change matches these filters">Widen the dates or clear a filter.</EmptyState>
            : <EmptyState title="Nothing recorded yet">Changes to programs, partners, settings and payouts appear here as members make them.</EmptyState>
        }
      />
    </>
  );
}
