import Link from 'next/link';
import { formatDateTime } from '@/lib/time';
import type { DeliveryStatus } from '@/lib/domain/integrations';
import { Badge } from '@/components/ui/card';
import { ResendButton } from './resend-button';

export interface DeliveryRow {
  id: string;
  topic: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  resentFromId: string | null;
  createdAt: Date;
}

const tone = { queued: 'amber', delivered: 'green', failed: 'red' } as const;
const th = 'px-4 py-2 font-medium';
const td = 'px-4 py-2 align-top';

/**
 * The delivery log, newest first: what was sent, how the endpoint last answered, how often it was
 * tried and when the next try is (in that order, so a phone shows the outcome before it scrolls). Finished deliveries can be re-sent (managers only); a queued one
 * goes out anyway. The table scrolls inside its box on a phone.
 */
export function DeliveryLog({
  rows, total, page, pageSize, timeZone, workspaceSlug, canManage, endpointDisabled,
}: {
  rows: DeliveryRow[]; total: number; page: number; pageSize: number; timeZone: string; workspaceSlug: string; canManage: boolean; endpointDisabled: boolean;
}) {
  if (total === 0) return <p className="text-sm text-slate-500">No webhooks sent yet.</p>;
  return (
    // relative: the header's sr-only label is absolutely positioned and must scroll with the table, not widen the page
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="delivery-log">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className={th}>Topic</th><th className={th}>Status</th><th className={th}>HTTP</th><th className={th}>Attempts</th>
            <th className={th}>Last error</th><th className={th}>Next try</th><th className={th}>Created</th>{canManage ? <th className={th}><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((d) => (
            <tr key={d.id} data-delivery-id={d.id}>
              <td className={td}>
                <code className="text-xs">{d.topic}</code>
                {d.resentFromId ? <span className="block text-xs text-slate-500">re-send</span> : null}
              </td>
              <td className={td}><Badge tone={tone[d.status]}>{d.status}</Badge></td>
              <td className={`${td} tabular-nums`}>{d.lastStatusCode ?? '—'}</td>
              <td className={`${td} tabular-nums`}>{d.attempts}</td>
              <td className={`${td} max-w-xs break-words text-xs text-slate-600`}>{d.status === 'delivered' ? '—' : (d.lastError ?? '—')}</td>
              <td className={`${td} whitespace-nowrap text-xs text-slate-600`}>{nextTry(d, timeZone, endpointDisabled)}</td>
              <td className={`${td} whitespace-nowrap`}>{formatDateTime(d.createdAt, timeZone)}</td>
              {canManage ? <td className={td}>{d.status !== 'queued' ? <ResendButton workspaceSlug={workspaceSlug} deliveryId={d.id} topic={d.topic} /> : null}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
        {total} deliveries · page {page}
        {page > 1 ? <> · <Link className="text-brand-700" href={`?page=${page - 1}`}>previous</Link></> : null}
        {total > page * pageSize ? <> · <Link className="text-brand-700" href={`?page=${page + 1}`}>next</Link></> : null}
      </p>
    </div>
  );
}

function nextTry(d: DeliveryRow, timeZone: string, endpointDisabled: boolean): string {
  if (d.status !== 'queued') return '—';
  if (endpointDisabled) return 'after re-enabling';
  return formatDateTime(d.nextAttemptAt, timeZone);
}
