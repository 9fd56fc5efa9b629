import Link from 'next/link';
import type { PortalLinkView } from '@/lib/server/portal-links';
import { formatDate } from '@/lib/time';
import { Badge } from '../ui/card';
import { ServerTable, type Column, type TableState } from '../data-table/server-table';
import { CopyButton } from './copy-button';
import { QrDownloads } from './qr-downloads';
import { OUTCOME_COLUMNS, outcomeCell, outcomeCellClass } from './link-numbers';

type LinkTableRow = PortalLinkView;

/**
 * The partner's links with what each brought. Paged and sorted on the server; the sub-id cell
 * filters the table to that sub-id. Scrolls inside its card on a phone.
 */
export function LinkStatsTable({ rows, total, state, currency, timeZone, subId, empty }: {
  rows: LinkTableRow[];
  total: number;
  state: TableState;
  currency: string;
  timeZone: string;
  subId?: string;
  empty: React.ReactNode;
}) {
  const columns: Column<LinkTableRow>[] = [
    {
      key: 'link',
      header: 'Tracked link',
      className: 'min-w-[16rem] align-top',
      cell: (l) => (
        <div className="flex flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all text-xs text-slate-800">{l.url}</code>
            <CopyButton text={l.url} />
            {l.disabled ? <Badge tone="red">disabled</Badge> : null}
          </div>
          <p className="max-w-xs break-all text-xs text-slate-500" title={l.destinationUrl}>→ {l.destinationUrl}</p>
          {l.destinationBlocked ? (
            <p className="flex flex-wrap items-center gap-2 text-xs text-amber-800">
              <Badge tone="amber">destination not allowed</Badge>
              The merchant no longer accepts this address: visitors see “link not available”. Create a new link to an allowed host.
            </p>
          ) : null}
          <QrDownloads linkId={l.id} code={l.code} />
        </div>
      ),
    },
    {
      key: 'subId',
      header: 'Sub-id',
      // wide enough for a typical label on one line; a long one wraps inside the cell
      className: 'min-w-[8rem] align-top',
      cell: (l) =>
        l.subId ? (
          <Link href={`/p/links?sub=${encodeURIComponent(l.subId)}`} className="break-all font-mono text-xs text-brand-700 hover:underline" title="Show only this sub-id's links">
            {l.subId}
          </Link>
        ) : (
          <span className="text-xs text-slate-400">none</span>
        ),
    },
    { key: 'program', header: 'Program', className: 'align-top', cell: (l) => l.programName },
    ...OUTCOME_COLUMNS.map((c): Column<LinkTableRow> => ({
      key: c.key,
      header: c.header,
      sortKey: c.sortKey,
      className: `${outcomeCellClass} align-top`,
      cell: (l) => <span title={c.title}>{outcomeCell(l, c.key, currency)}</span>,
    })),
    { key: 'createdAt', header: 'Created', sortKey: 'createdAt', className: 'whitespace-nowrap align-top', cell: (l) => formatDate(l.createdAt, timeZone) },
  ];
  return (
    <ServerTable
      rows={rows} total={total} columns={columns} state={state} basePath="/p/links" params={{ sub: subId }}
      rowKey={(l) => l.id} empty={empty}
    />
  );
}
