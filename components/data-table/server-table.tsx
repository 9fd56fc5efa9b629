import Link from 'next/link';
import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: string;
  /** set when the server can sort by this column */
  sortKey?: string;
  cell: (row: Row) => ReactNode;
  className?: string;
}

export interface TableState {
  page: number;
  pageSize: number;
  sort: string;
  dir: 'asc' | 'desc';
}

/**
 * A table whose paging and sorting happen on the server: every header and pager button is a link
 * that changes the query string, so it works without JavaScript and with any number of rows.
 */
export function ServerTable<Row>({
  rows,
  total,
  columns,
  state,
  basePath,
  params = {},
  rowKey,
  empty,
}: {
  rows: Row[];
  total: number;
  columns: Column<Row>[];
  state: TableState;
  basePath: string;
  params?: Record<string, string | undefined>;
  rowKey: (row: Row) => string;
  empty: ReactNode;
}) {
  const href = (patch: Partial<TableState>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    const next = { ...state, ...patch };
    q.set('page', String(next.page));
    q.set('sort', next.sort);
    q.set('dir', next.dir);
    return `${basePath}?${q.toString()}`;
  };
  if (total === 0) return <>{empty}</>;
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => {
              const active = c.sortKey === state.sort;
              const nextDir = active && state.dir === 'asc' ? 'desc' : 'asc';
              return (
                <th key={c.key} scope="col" className={`px-4 py-2.5 text-left font-medium text-slate-600 ${c.className ?? ''}`}>
                  {c.sortKey ? (
                    <Link href={href({ sort: c.sortKey, dir: nextDir, page: 1 })} className="inline-flex items-center gap-1 hover:text-slate-900">
                      {c.header}
                      <span aria-hidden className="text-xs">{active ? (state.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </Link>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50">
              {columns.map((c) => (
                <td key={c.key} className={`px-4 py-2.5 ${c.className ?? ''}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500">
        <span>
          {(state.page - 1) * state.pageSize + 1}–{Math.min(total, state.page * state.pageSize)} of {total}
        </span>
        <span className="flex gap-3">
          {state.page > 1 ? <Link href={href({ page: state.page - 1 })} className="font-medium text-brand-700">Previous</Link> : <span>Previous</span>}
          <span>Page {state.page} of {pages}</span>
          {state.page < pages ? <Link href={href({ page: state.page + 1 })} className="font-medium text-brand-700">Next</Link> : <span>Next</span>}
        </span>
      </div>
    </div>
  );
}

/** Reads page/sort/dir from search params, falling back to safe defaults for anything odd. */
export function tableStateFrom(
  sp: Record<string, string | string[] | undefined>,
  allowedSorts: readonly string[],
  defaults: { sort: string; dir: 'asc' | 'desc'; pageSize?: number },
): TableState {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k]![0] : (sp[k] as string | undefined));
  const page = Math.max(1, Math.min(100000, Number.parseInt(one('page') ?? '1', 10) || 1));
  const sort = allowedSorts.includes(one('sort') ?? '') ? one('sort')! : defaults.sort;
  const dir = one('dir') === 'asc' || one('dir') === 'desc' ? (one('dir') as 'asc' | 'desc') : defaults.dir;
  return { page, pageSize: defaults.pageSize ?? 25, sort, dir };
}
