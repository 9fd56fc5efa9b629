import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { WEBHOOK_TOPICS } from '@/lib/domain/integrations';
import { DISABLE_AFTER, WARN_AFTER } from '@/lib/server/webhooks/endpoint-health';
import { getDb } from '@/db/client';
import { findOutboundEndpoint, listDeliveries } from '@/db/queries/webhooks';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { WebhookEndpointForm } from '@/components/settings/secret-forms';
import { DeliveryLog } from '@/components/settings/webhooks/delivery-log';
import { EndpointHealth } from '@/components/settings/webhooks/endpoint-health';
import { TestSendButton } from '@/components/settings/webhooks/test-send-button';
import { ReenableButton } from '@/components/settings/webhooks/reenable-button';
import { tableStateFrom } from '@/components/data-table/server-table';
import type { WorkspaceTablePageProps } from '@/lib/page-props';

// what changes announce themselves (the test topic is only ever sent by the button)
const TOPICS = WEBHOOK_TOPICS.filter((t) => t !== 'webhook.test');

export default async function WebhookSettingsPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const state = tableStateFrom(await searchParams, ['createdAt'], { sort: 'createdAt', dir: 'desc', pageSize: 25 });
  const [endpoint, deliveries] = await Promise.all([findOutboundEndpoint(db, scope.workspaceId), listDeliveries(db, scope.workspaceId, state)]);
  const canManage = roleCan(scope.role, 'manage');
  const url = endpoint?.url ?? null;
  const badge = !url ? <Badge>off</Badge> : endpoint?.disabledAt ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>;
  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/settings`} className="text-sm text-brand-700">← Settings</Link>
      <PageHeader title="Webhooks" description="Signed webhooks to your server when partners, deals, rewards and payouts change, with a delivery log." />
      <ReadOnlyNotice role={scope.role} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Outbound webhooks" action={badge}>
          <div className="flex flex-col gap-4">
            <p className="text-sm text-slate-600">
              Signed with <code className="text-xs">X-Signature</code> like inbound events, retried with backoff for about a day. Sent for{' '}
              {TOPICS.map((t, i) => (
                <span key={t}>{i > 0 ? ', ' : null}<code className="text-xs">{t}</code></span>
              ))}.
            </p>
            {endpoint && url ? (
              <EndpointHealth consecutiveFailures={endpoint.consecutiveFailures} disabledAt={endpoint.disabledAt} queued={endpoint.queued}
                disableAfter={DISABLE_AFTER} warnAfter={WARN_AFTER} timeZone={scope.timeZone} />
            ) : null}
            {canManage ? <WebhookEndpointForm workspaceSlug={scope.workspaceSlug} url={url} /> : <p className="break-all text-sm">{url ?? 'No endpoint.'}</p>}
          </div>
        </Card>
        {canManage && url ? (
          <Card title="Check the endpoint">
            <div className="flex flex-col gap-4">
              <p className="text-sm text-slate-600">
                “Send test” posts a signed <code className="text-xs">webhook.test</code> to your endpoint now and shows its answer; it is kept in the log.
                It does not count towards disabling.
              </p>
              <TestSendButton workspaceSlug={scope.workspaceSlug} />
              {endpoint?.disabledAt ? <ReenableButton workspaceSlug={scope.workspaceSlug} /> : null}
            </div>
          </Card>
        ) : null}
      </div>
      <h2 className="mb-3 mt-8 text-sm font-semibold text-slate-800">Delivery log</h2>
      <DeliveryLog rows={deliveries.rows} total={deliveries.total} page={state.page} pageSize={state.pageSize} timeZone={scope.timeZone}
        workspaceSlug={scope.workspaceSlug} canManage={canManage} endpointDisabled={Boolean(endpoint?.disabledAt)} />
    </>
  );
}
