import Link from 'next/link';
import { formatDate } from '@/lib/time';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { integrationSecrets } from '@/db/queries/integrations';
import { roleCan } from '@/lib/domain/roles';
import { appOrigin } from '@/lib/server/app-origin';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { IntegrationSecretForm } from './secret-form';

function Status({ since, timeZone }: { since: Date | undefined; timeZone: string }) {
  return since ? <Badge tone="green">connected {formatDate(since, timeZone)}</Badge> : <Badge tone="amber">not connected</Badge>;
}

function Endpoint({ url }: { url: string }) {
  return <code data-testid="webhook-url" className="block break-all rounded bg-slate-50 px-2 py-1 text-xs text-slate-800">{url}</code>;
}

export default async function IntegrationsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const rows = await integrationSecrets(getDb(), scope.workspaceId);
  const since = (kind: 'stripe' | 'shopify') => rows.find((r) => r.kind === kind)?.createdAt;
  const canManage = roleCan(scope.role, 'manage');
  // where Stripe and Shopify must send their webhooks
  const base = `${await appOrigin()}/api/v1/integrations`;
  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/settings`} className="text-sm text-brand-700">← Settings</Link>
      <PageHeader title="Integrations" description="Let Stripe and Shopify report orders and refunds. Secrets are stored encrypted and never shown again." />
      <ReadOnlyNotice role={scope.role} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Stripe" action={<Status since={since('stripe')} timeZone={scope.timeZone} />}>
          <div className="mb-4 flex flex-col gap-2 text-sm text-slate-600">
            <p>In the Stripe Dashboard, under Developers → Webhooks, add an endpoint with this URL:</p>
            <Endpoint url={`${base}/stripe/${scope.workspaceSlug}`} />
            <p>
              Send <code className="text-xs">checkout.session.completed</code>, <code className="text-xs">checkout.session.async_payment_succeeded</code>,{' '}
              <code className="text-xs">invoice.paid</code> and <code className="text-xs">charge.refunded</code>. Put the click id in{' '}
              <code className="text-xs">client_reference_id</code> or <code className="text-xs">metadata.ref_click</code> (for subscriptions also in{' '}
              <code className="text-xs">subscription_data.metadata.ref_click</code>), a partner code in <code className="text-xs">metadata.ref</code>.
            </p>
          </div>
          {canManage ? (
            <IntegrationSecretForm workspaceSlug={scope.workspaceSlug} kind="stripe" isSet={Boolean(since('stripe'))} label="Endpoint signing secret" placeholder="whsec_…" hint="Shown on the endpoint's page in Stripe under “Signing secret”." />
          ) : null}
        </Card>
        <Card title="Shopify" action={<Status since={since('shopify')} timeZone={scope.timeZone} />}>
          <div className="mb-4 flex flex-col gap-2 text-sm text-slate-600">
            <p>Subscribe to the <code className="text-xs">orders/paid</code> and <code className="text-xs">refunds/create</code> topics (JSON) at this URL:</p>
            <Endpoint url={`${base}/shopify/${scope.workspaceSlug}`} />
            <p>
              Discount codes count as coupons. Put the click id in a cart attribute <code className="text-xs">ref_click</code> (or the landing page’s{' '}
              <code className="text-xs">?ref_click=</code>), a partner code in <code className="text-xs">ref</code>.
            </p>
          </div>
          {canManage ? (
            <IntegrationSecretForm workspaceSlug={scope.workspaceSlug} kind="shopify" isSet={Boolean(since('shopify'))} label="Webhook signing secret" placeholder="the app's client secret" hint="Your app's client secret, or for webhooks created in the admin the key under Settings → Notifications → Webhooks." />
          ) : null}
        </Card>
      </div>
    </>
  );
}
