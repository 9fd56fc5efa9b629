import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { appOrigin } from '@/lib/server/app-origin';
import { Card, PageHeader } from '@/components/ui/card';
import { CopyableCode } from '@/components/links/copy-button';
import { checkoutExample, curlExample, nodeExample, otherEvents, scriptTag } from './examples';

const c = 'rounded bg-slate-100 px-1 py-0.5 text-xs';

export default async function StorefrontIntegrationPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const origin = await appOrigin();
  const settings = `/m/${scope.workspaceSlug}/settings`;
  return (
    <>
      <Link href={settings} className="text-sm text-brand-700">← Settings</Link>
      <PageHeader title="Storefront integration" description="Carry partner clicks from the tracked link to your checkout, and report orders so partners are credited." />
      <div className="flex max-w-4xl flex-col gap-6">
        <Card title="1. Add the snippet to every page of your store">
          <div className="flex flex-col gap-3 text-sm text-slate-600">
            <CopyableCode code={scriptTag(origin)} />
            <p>
              Partners share links like <code className={c}>{origin}/r/&lt;code&gt;</code>. We record the click and send the visitor to your site with{' '}
              <code className={c}>?ref_click=clk_…</code> added; links carrying a partner code such as <code className={c}>?ref=alice</code> work too. The
              snippet (a couple of KB, no dependencies) keeps both for 90 days in first-party cookies of your own domain.
            </p>
            <p>
              Checkout on another subdomain? Add <code className={c}>data-cookie-domain=&quot;.yourshop.com&quot;</code> to the tag. Links may only point to
              your <Link href={`${settings}/tracking`} className="text-brand-700">allowed domains</Link>.
            </p>
          </div>
        </Card>

        <Card title="2. Hand the referral to your server at checkout">
          <div className="flex flex-col gap-3 text-sm text-slate-600">
            <p>
              <code className={c}>window.PartnerLedger.checkoutFields()</code> returns <code className={c}>{'{ clickId, partnerCode }'}</code> (absent ones left
              out). Send it with the order, for example in hidden form fields:
            </p>
            <CopyableCode code={checkoutExample()} />
            <p>
              Also available: <code className={c}>clickId()</code>, <code className={c}>partnerCode()</code>, and <code className={c}>visitorId()</code> (this
              browser on your store; send it as <code className={c}>visitorId</code> to link its later orders).
            </p>
          </div>
        </Card>

        <Card title="3. Post a signed order event from your server">
          <div className="flex flex-col gap-3 text-sm text-slate-600">
            <p>
              <code className={c}>POST {origin}/api/v1/events</code> with <code className={c}>X-Workspace: {scope.workspaceSlug}</code> and{' '}
              <code className={c}>X-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of &quot;&lt;t&gt;.&lt;raw body&gt;&quot;&gt;</code>, signed with
              the events secret from <Link href={`${settings}/api`} className="text-brand-700">API and webhooks</Link>. Signatures older than 5 minutes are
              refused; the event <code className={c}>id</code> makes retries safe.
            </p>
            <p className="font-medium text-slate-700">With curl</p>
            <CopyableCode code={curlExample(origin, scope.workspaceSlug)} />
            <p className="font-medium text-slate-700">With Node.js (18 or later)</p>
            <CopyableCode code={nodeExample(origin, scope.workspaceSlug)} />
            <p>Refunds and milestones use the same endpoint and signature:</p>
            <CopyableCode code={otherEvents} />
            <p>
              Answers: <code className={c}>200</code> with the result (a repeated id returns the first result), <code className={c}>400</code> naming the
              field, <code className={c}>401</code> for a bad signature, <code className={c}>413</code> over 1 MB, <code className={c}>429</code> when
              rate limited (retry later).
            </p>
          </div>
        </Card>
      </div>
    </>
  );
}
