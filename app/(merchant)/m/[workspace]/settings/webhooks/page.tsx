import Link from 'next/link';
import { formatDateTime } from '@/lib/time';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listDeliveries, secretStatus } from '@/db/queries/webhooks';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { WebhookEndpointForm } from '@/components/settings/secret-forms';
import { tableStateFrom } from '@/components/data-table/server-table';
import type { WorkspaceTablePageProps } from '@/lib/page-props';

const tone = { queued: 'amber', delivered: 'green', failed: 'red' } as const;

export default async function WebhookSettingsPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const state = tableStateFrom(await searchParams, ['createdAt'], { sort: 'createdAt', dir: 'desc', pageSize: 25 });
  const [secrets, deliveries] = await Promise.all([secretStatus(db, scope.workspaceId), listDeliveries(db, scope.workspaceId, state)]);
  const outbound = secrets.find((s) => s.kind === 'outbound');
  const canManage = roleCan(scope.role, 'manage');
  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/settings`} className="text-sm text-brand-700">← Settings</Link>
      <PageHeader title="Webhooks" description="Signed webhooks to your server when partners, deals, rewards and payouts change, with a delivery log." />
      <ReadOnlyNotice role={scope.role} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Outbound webhooks" action={outbound?.url ? <Badge tone="green">active</Badge> : <Badge>off</Badge>}>
          <p className="mb-3 text-sm text-slate-600">
            Sent for <code className="text-xs">entry.created</code>, <code className="text-xs">payout.created</code> and <code className="text-xs">payout.paid</code>, signed the same way, retried with backoff for about a day.
          </p>
          {canManage ? <WebhookEndpointForm workspaceSlug={scope.workspaceSlug} url={outbound?.url ?? null} /> : <p className="text-sm">{outbound?.url ?? 'No endpoint.'}</p>}
        </Card>
      </div>
      <h2 className="mb-3 mt-8 text-sm font-semibold text-slate-800">Delivery log</h2>
      {deliveries.total === 0 ? (
        <p className="text-sm text-slate-500">No webhooks sent yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr><th className="px-4 py-2">Created</th><th className="px-4 py-2">Topic</th><th className="px-4 py-2">Status</th><th className="px-4 py-2">Attempts</th><th className="px-4 py-2">Last error / next try</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.rows.map((d) => (
                <tr key={d.id}>
                  <td className="px-4 py-2">{formatDateTime(d.createdAt, scope.timeZone)}</td>
                  <td className="px-4 py-2"><code className="text-xs">{d.topic}</code></td>
                  <td className="px-4 py-2"><Badge tone={tone[d.status]}>{d.status}</Badge></td>
                  <td className="px-4 py-2 tabular-nums">{d.attempts}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">{d.lastError ?? '—'}{d.status === 'queued' && d.attempts > 0 ? ` · next ${formatDateTime(d.nextAttemptAt, scope.timeZone)}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{deliveries.total} deliveries · page {state.page}{deliveries.total > state.page * state.pageSize ? <> · <Link className="text-brand-700" href={`?page=${state.page + 1}`}>next</Link></> : null}</p>
        </div>
      )}
    </>
  );
}
