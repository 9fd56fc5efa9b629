import Link from 'next/link';
import type { ReactNode } from 'react';
import type { AuditChange } from '@/lib/explain/audit';
import { ServerTable, type Column, type TableState } from '../data-table/server-table';
import { AuditChanges } from './audit-changes';

/** One audit row as the page shows it: words already built (lib/explain/audit.ts), times already in the workspace's zone. */
export interface AuditTableRow {
  id: string;
  when: string;
  /** ISO time, for the <time> element */
  at: string;
  actor: { name: string | null; email: string | null } | null;
  action: string;
  sentence: string;
  changes: AuditChange[];
  subject: { label: string; href?: string; historyHref?: string };
}

/** The audit log as a server-paged table, newest first; each row folds its before/after under the sentence. */
export function AuditTable({
  rows, total, state, basePath, params, empty,
}: {
  rows: AuditTableRow[];
  total: number;
  state: TableState;
  basePath: string;
  params: Record<string, string | undefined>;
  empty: ReactNode;
}) {
  const who = (r: AuditTableRow) => (r.actor ? r.actor.name || r.actor.email : 'System');
  const subject = (r: AuditTableRow) => (
    <>
      {r.subject.href ? <Link href={r.subject.href} className="font-medium text-brand-700 hover:underline">{r.subject.label}</Link> : <span>{r.subject.label}</span>}
      {r.subject.historyHref ? <Link href={r.subject.historyHref} className="text-slate-500 hover:text-slate-800 hover:underline">Its history</Link> : null}
    </>
  );
  // Below md the table is one column: time, person and subject move into the sentence's cell, so a
  // phone reads each change top to bottom instead of scrolling sideways past four columns.
  const columns: Column<AuditTableRow>[] = [
    { key: 'when', header: 'When', className: 'hidden whitespace-nowrap align-top text-slate-600 md:table-cell', cell: (r) => <time dateTime={r.at}>{r.when}</time> },
    {
      key: 'who', header: 'Who', className: 'hidden align-top md:table-cell',
      cell: (r) =>
        r.actor ? (
          <span className="block max-w-[14rem]">
            <span className="block break-words font-medium text-slate-800">{r.actor.name || r.actor.email}</span>
            {r.actor.name ? <span className="block truncate text-xs text-slate-500">{r.actor.email}</span> : null}
          </span>
        ) : (
          <span className="text-slate-500">System</span>
        ),
    },
    {
      key: 'what', header: 'What changed', className: 'min-w-0 align-top md:min-w-[18rem]',
      cell: (r) => (
        <div data-testid="audit-row" data-action={r.action} className="min-w-0 break-words">
          <p className="mb-1 text-xs text-slate-500 md:hidden"><time dateTime={r.at}>{r.when}</time> · {who(r)}</p>
          <p className="text-slate-900">{r.sentence}</p>
          <code className="break-all text-[11px] text-slate-400">{r.action}</code>
          <AuditChanges changes={r.changes} />
          <p className="mt-1 flex flex-wrap gap-x-3 text-xs md:hidden">{subject(r)}</p>
        </div>
      ),
    },
    {
      key: 'subject', header: 'Subject', className: 'hidden align-top md:table-cell',
      cell: (r) => <span className="flex min-w-[8rem] flex-col gap-0.5 text-xs">{subject(r)}</span>,
    },
  ];
  return <ServerTable rows={rows} total={total} columns={columns} state={state} basePath={basePath} params={params} rowKey={(r) => r.id} empty={empty} />;
}
