import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listEvents, type EventListRow, type EventType } from '@/db/queries/events';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import type { WorkspaceTablePageProps } from '@/lib/page-props';

const SORTS = ['occurredAt', 'senderId'] as const;
const TYPES: EventType[] = ['order', 'refund', 'milestone'];

export default async function EventsPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const state = tableStateFrom(sp, SORTS, { sort: 'occurredAt', dir: 'desc', pageSize: 50 });
  const type = TYPES.find((t) => t === sp.type);
  const { rows, total } = await listEvents(getDb(), scope.workspaceId, { ...state, sort: state.sort as (typeof SORTS)[number], type });
  const columns: Column<EventListRow>[] = [
    { key: 'occurredAt', header: 'Occurred (UTC)', sortKey: 'occurredAt', cell: (r) => r.occurredAt.toISOString().replace('T', ' ').slice(0, 16) },
    { key: 'senderId', header: 'Sender id', sortKey: 'senderId', cell: (r) => <code className="text-xs">{r.senderId}</code> },
    { key: 'type', header: 'Type', cell: (r) => <Badge tone="blue">{r.type}</Badge> },
    { key: 'source', header: 'Source', cell: (r) => r.source },
    { key: 'status', header: 'Status', cell: (r) => <Badge tone={r.status === 'processed' ? 'green' : r.status === 'rejected' ? 'red' : 'amber'}>{r.errorCode ?? r.status}</Badge> },
  ];
  const base = `/m/${scope.workspaceSlug}/events`;
  return (
    <>
      <PageHeader title="Events" description="Orders, refunds and milestones as received, stored before anything is computed from them." />
      <div className="mb-4 flex gap-2 text-sm">
        {[undefined, ...TYPES].map((t) => (
          <a key={t ?? 'all'} href={t ? `${base}?type=${t}` : base} className={`rounded-full px-3 py-1 ${t === type ? 'bg-brand-600 text-white' : 'bg-white ring-1 ring-slate-300'}`}>
            {t ?? 'all'}
          </a>
        ))}
      </div>
      <ServerTable
        rows={rows}
        total={total}
        columns={columns}
        state={state}
        basePath={base}
        params={{ type }}
        rowKey={(r) => r.id}
        empty={<EmptyState title="No events yet">Post signed events to /api/v1/events or connect Stripe or Shopify.</EmptyState>}
      />
    </>
  );
}
