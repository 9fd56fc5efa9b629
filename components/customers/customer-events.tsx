import Link from 'next/link';
import { Badge } from '../ui/card';
import { formatAmount } from '@/lib/format';
import { formatDateTime } from '@/lib/time';

export interface CustomerEventView {
  id: string;
  senderId: string;
  type: string;
  status: string;
  occurredAt: Date;
  summary: string;
  written: { unit: string; total: string }[];
}

/** The customer's orders, refunds and milestones, each linked to the page explaining it. */
export function CustomerEvents({ events, eventHref, timeZone }: { events: CustomerEventView[]; eventHref: (id: string) => string; timeZone?: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No order, refund or milestone of this customer yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="customer-events">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1.5 pr-4 font-medium">When</th>
            <th className="py-1.5 pr-4 font-medium">Event</th>
            <th className="py-1.5 pr-4 font-medium">Type</th>
            <th className="py-1.5 pr-4 font-medium">What it was</th>
            <th className="py-1.5 pr-4 font-medium">Written</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap py-1.5 pr-4">{formatDateTime(e.occurredAt, timeZone)}</td>
              <td className="py-1.5 pr-4"><Link href={eventHref(e.id)} className="font-mono text-xs font-medium text-brand-700 hover:underline">{e.senderId}</Link></td>
              <td className="py-1.5 pr-4"><Badge tone={e.type === 'refund' ? 'amber' : 'blue'}>{e.type}</Badge>{e.status !== 'processed' ? <> <Badge tone="red">{e.status}</Badge></> : null}</td>
              <td className="whitespace-nowrap py-1.5 pr-4">{e.summary}</td>
              <td className="whitespace-nowrap py-1.5 pr-4 tabular-nums">{e.written.length ? e.written.map((w) => formatAmount(w.total, w.unit)).join(', ') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
