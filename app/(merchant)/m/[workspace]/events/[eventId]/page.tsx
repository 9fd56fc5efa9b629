import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { findEventDetail } from '@/db/queries/events';
import { idsIn, namesForIds } from '@/db/queries/names';
import { explainEvent } from '@/lib/explain/event';
import type { JsonObject } from '@/lib/explain/types';
import { formatDateTime } from '@/lib/time';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ExplainSections } from '@/components/explain/explain-sections';
import { EventEntries } from '@/components/explain/event-entries';
import { OrderLines } from '@/components/explain/order-lines';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const title = { order: 'Order', refund: 'Refund', milestone: 'Milestone' } as const;

export default async function EventPage({ params }: { params: Promise<{ workspace: string; eventId: string }> }) {
  const { workspace, eventId } = await params;
  const { scope } = await requireMerchant(workspace);
  if (!UUID.test(eventId)) notFound();
  const db = getDb();
  const detail = await findEventDetail(db, scope.workspaceId, eventId);
  if (!detail) notFound();
  const { event, entries, credits, order, refunds } = detail;
  const base = `/m/${scope.workspaceSlug}`;
  const ids = [...idsIn(entries.map((e) => e.explanation)), ...idsIn(event.accounts ?? []), ...credits.flatMap((c) => [c.partnerId, c.programId])];
  const { partnerNames, otherNames } = await namesForIds(db, scope.workspaceId, ids);
  // a refund's explanations name no partner or program: the entries' own rows do
  const entryNames = Object.fromEntries(entries.flatMap((e) => [[e.partnerId, e.partnerName], ...(e.programId && e.programName ? [[e.programId, e.programName]] : [])]));
  const names = { ...entryNames, ...partnerNames, ...otherNames };
  const data = (event.payload.data ?? {}) as unknown as JsonObject;
  const sections = explainEvent(
    {
      type: event.type, senderId: event.senderId, occurredAt: event.occurredAt, status: event.status, errorCode: event.errorCode, data,
      customer: event.customerExternalId ? { externalId: event.customerExternalId, email: event.customerEmail } : null,
      entries: entries.map((e) => ({ ...e, explanation: e.explanation as JsonObject })),
      credits, order, refunds,
      programAccounts: (event.accounts ?? []).map((a) => ({ programId: a.programId, explanation: a.explanation as JsonObject })),
    },
    { names },
  );
  const payload = event.payload;
  return (
    <>
      <Link href={`${base}/events`} className="text-sm text-brand-700">← Events</Link>
      <PageHeader
        title={`${title[event.type]} ${event.senderId}`}
        description={`Occurred ${formatDateTime(event.occurredAt, scope.timeZone)} · received ${formatDateTime(event.receivedAt, scope.timeZone)} via ${event.source}`}
        action={<Badge tone={event.status === 'processed' ? 'green' : event.status === 'rejected' ? 'red' : 'amber'}>{event.errorCode ?? event.status}</Badge>}
      />
      <div className="mb-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {event.customerId ? (
          <Link href={`${base}/customers/${event.customerId}`} className="font-medium text-brand-700 hover:underline">Customer {event.customerExternalId}</Link>
        ) : null}
        {order ? <Link href={`${base}/events/${order.id}`} className="font-medium text-brand-700 hover:underline">Refunded order {order.senderId}</Link> : null}
        {refunds.map((r) => (
          <Link key={r.id} href={`${base}/events/${r.id}`} className="font-medium text-brand-700 hover:underline">Refund {r.senderId}</Link>
        ))}
      </div>
      <div className="space-y-6">
        <ExplainSections sections={sections} entryHref={(id) => `${base}/ledger/${id}`} />
        <section>
          <h2 className="mb-2 text-sm font-semibold text-slate-800">Entries written</h2>
          <EventEntries entries={entries} entryHref={(id) => `${base}/ledger/${id}`} timeZone={scope.timeZone} />
        </section>
        {payload.type === 'order' ? (
          <Card title="Order lines as received">
            <OrderLines lines={payload.data.lines} currency={payload.data.currency} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
