import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listEvents, type EventListRow } from '@/db/queries/events';
import { EVENT_TYPES } from '@/lib/domain/events';
import { formatDateTime } from '@/lib/time';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { FilterBar } from '@/components/data-table/filter-bar';
import type { WorkspaceTablePageProps } from '@/lib/page-props';

const SORTS = ['occurredAt', 'senderId'] as const;

export default async function EventsPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const state = tableStateFrom(sp, SORTS, { sort: 'occurredAt', dir: 'desc', pageSize: 50 });
  const type = EVENT_TYPES.find((t) => t === sp.type);
  const search = typeof sp.q === 'string' && sp.q ? sp.q.slice(0, 100) : undefined;
  const { rows, total } = await listEvents(getDb(), scope.workspaceId, { ...state, sort: state.sort as (typeof SORTS)[number], type, search });
  const base = `/m/${scope.workspaceSlug}/events`;
  const columns: Column<EventListRow>[] = [
    { key: 'occurredAt', header: 'Occurred', sortKey: 'occurredAt', cell: (r) => <span className="whitespace-nowrap">{formatDateTime(r.occurredAt, scope.timeZone)}</span> },
    {
      key: 'senderId', header: 'Event', sortKey: 'senderId',
      cell: (r) => <Link href={`${base}/${r.id}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">{r.senderId}</Link>,
    },
    { key: 'type', header: 'Type', cell: (r) => <Badge tone="blue">{r.type}</Badge> },
    { key: 'customer', header: 'Customer', cell: (r) => <code className="text-xs">{r.customerExternalId ?? '—'}</code> },
    { key: 'source', header: 'Source', cell: (r) => r.source },
    { key: 'status', header: 'Status', cell: (r) => <Badge tone={r.status === 'processed' ? 'green' : r.status === 'rejected' ? 'red' : 'amber'}>{r.errorCode ?? r.status}</Badge> },
    { key: 'why', header: '', cell: (r) => <Link href={`${base}/${r.id}`} className="text-xs font-medium text-brand-700 hover:underline">Explain</Link> },
  ];
  return (
    <>
      <PageHeader title="Events" description="Orders, refunds and milestones as received, stored before anything is computed from them. Open one to read what it paid and why." />
      <FilterBar
        basePath={base}
        search={{ value: search, placeholder: 'Event, order or customer id' }}
        select={{ name: 'type', value: type, label: 'Type', allLabel: 'All types', options: EVENT_TYPES }}
      />
      <ServerTable
        rows={rows}
        total={total}
        columns={columns}
        state={state}
        basePath={base}
        params={{ type, q: search }}
        rowKey={(r) => r.id}
        empty={<EmptyState title={search || type ? 'No event matches' : 'No events yet'}>{search || type ? 'Try another search or type.' : 'Post signed events to /api/v1/events or connect Stripe or Shopify.'}</EmptyState>}
      />
    </>
  );
}
