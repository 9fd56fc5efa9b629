import Link from 'next/link';
import { formatDate } from '@/lib/time';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { secretStatus } from '@/db/queries/webhooks';
import { eventsPerMinuteOf } from '@/db/queries/workspaces';
import { EVENTS_PER_MINUTE } from '@/lib/server/api-settings';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { formatNumber } from '@/lib/format';
import { EventsSecretForm } from '@/components/settings/secret-forms';
import { EventsLimitForm } from '@/components/settings/events-limit-form';
import { ApiKeysCard } from '@/components/settings/api-keys/api-keys-card';
import { apiKeysOf } from '@/lib/server/api-keys';
type WorkspacePageProps = { params: Promise<{ workspace: string }> };

export default async function ApiSettingsPage({ params }: WorkspacePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const [secrets, perMinute, keys] = await Promise.all([secretStatus(db, scope.workspaceId), eventsPerMinuteOf(db, scope.workspaceId), apiKeysOf(db, scope.workspaceId)]);
  const events = secrets.find((s) => s.kind === 'events');
  const canManage = roleCan(scope.role, 'manage');
  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/settings`} className="text-sm text-brand-700">← Settings</Link>
      <PageHeader title="API" description="API keys for the REST API, and the secret your storefront signs events with." />
      <ReadOnlyNotice role={scope.role} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <ApiKeysCard keys={keys} workspaceSlug={scope.workspaceSlug} timeZone={scope.timeZone} canManage={canManage} />
        <Card title="Events signing secret" action={events ? <Badge tone="green">set {formatDate(events.createdAt, scope.timeZone)}</Badge> : <Badge tone="amber">not set</Badge>}>
          <p className="mb-3 text-sm text-slate-600">
            POST events to <code className="text-xs">/api/v1/events</code> with <code className="text-xs">X-Workspace: {scope.workspaceSlug}</code> and{' '}
            <code className="text-xs">X-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of &quot;t.body&quot;&gt;</code>.
          </p>
          {canManage ? <EventsSecretForm workspaceSlug={scope.workspaceSlug} hasSecret={Boolean(events)} /> : null}
        </Card>
        <Card title="Events rate limit" action={<Badge>{formatNumber(perMinute ?? 0)} a minute</Badge>}>
          <p className="mb-3 text-sm text-slate-600">
            Signed events accepted per minute before the API answers <code className="text-xs">429</code> with <code className="text-xs">Retry-After</code>. Requests with a bad signature never count.
          </p>
          {canManage ? <EventsLimitForm workspaceSlug={scope.workspaceSlug} perMinute={perMinute ?? 0} min={EVENTS_PER_MINUTE.min} max={EVENTS_PER_MINUTE.max} /> : null}
        </Card>
      </div>
    </>
  );
}
