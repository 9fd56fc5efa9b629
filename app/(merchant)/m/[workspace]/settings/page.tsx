import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listMembers } from '@/db/queries/workspaces';
import { listUnits } from '@/db/queries/units';
import { Badge, Card, PageHeader } from '@/components/ui/card';

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const [members, units] = await Promise.all([listMembers(db, scope.workspaceId), listUnits(db, scope.workspaceId)]);
  return (
    <>
      <PageHeader title="Settings" description={`Base currency ${scope.baseCurrency}. Members, reward units and integrations.`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Members">
          <ul className="divide-y divide-slate-100 text-sm">
            {members.map((m) => (
              <li key={m.email} className="flex items-center justify-between gap-3 py-2">
                <span className="min-w-0 break-words">{m.name ?? m.email} <span className="text-slate-500">· {m.email}</span></span>
                <Badge>{m.role}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Custom reward units">
          {units.length === 0 ? (
            <p className="text-sm text-slate-500">Programs pay in currencies. Add points or service credit as custom units.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {units.map((u) => (
                <li key={u.key} className="flex flex-wrap justify-between gap-x-3 py-2">
                  <span>{u.label} <code className="text-xs text-slate-500">{u.key}</code></span>
                  <span className="text-slate-500">1 = {u.baseValue} {scope.baseCurrency} · {u.precision} decimals</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Integrations" action={<Link href={`/m/${scope.workspaceSlug}/settings/integrations`} className="text-sm text-brand-700">Open →</Link>}>
          <p className="text-sm text-slate-500">Connect Stripe and Shopify so their paid orders and refunds reach the ledger.</p>
        </Card>
        <Card title="Storefront integration" action={<Link href={`/m/${scope.workspaceSlug}/settings/integration`} className="text-sm text-brand-700">Open →</Link>}>
          <p className="text-sm text-slate-500">Install the tracking snippet and post signed order events from your own store.</p>
        </Card>
        <Card title="API and webhooks" action={<Link href={`/m/${scope.workspaceSlug}/settings/api`} className="text-sm text-brand-700">Open →</Link>}>
          <p className="text-sm text-slate-500">The secret your store signs events with, and signed webhooks when rewards and payouts change, with a delivery log.</p>
        </Card>
        <Card title="Tracking" action={<Link href={`/m/${scope.workspaceSlug}/settings/tracking`} className="text-sm text-brand-700">Open →</Link>}>
          <p className="text-sm text-slate-500">The domains partners&apos; tracked links may send visitors to.</p>
        </Card>
      </div>
    </>
  );
}
