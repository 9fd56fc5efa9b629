import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { countMembersByRole } from '@/db/queries/members';
import { countOpenInvitations } from '@/db/queries/invitations';
import { listUnits } from '@/db/queries/units';
import { MEMBER_ROLES, roleCan } from '@/lib/domain/roles';
import { formatDateTime, timeZoneNames } from '@/lib/time';
import { Card, PageHeader } from '@/components/ui/card';
import { TimeZoneForm } from '@/components/settings/time-zone-form';
import { CustomerEmailsForm } from '@/components/settings/customer-emails-form';
import { showsCustomerEmailsToPartners } from '@/db/queries/workspaces';

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const [byRole, openInvitations, units, showCustomerEmails] = await Promise.all([
    countMembersByRole(db, scope.workspaceId),
    countOpenInvitations(db, scope.workspaceId),
    listUnits(db, scope.workspaceId),
    showsCustomerEmailsToPartners(db, scope.workspaceId),
  ]);
  const memberCount = MEMBER_ROLES.reduce((n, r) => n + (byRole[r] ?? 0), 0);
  const roleCounts = MEMBER_ROLES.filter((r) => byRole[r]).map((r) => `${byRole[r]} ${r}`).join(', ');
  return (
    <>
      <PageHeader title="Settings" description={`Base currency ${scope.baseCurrency}. Members, reward units and integrations.`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Members" action={<Link href={`/m/${scope.workspaceSlug}/settings/members`} className="text-sm text-brand-700">Manage →</Link>}>
          <p className="text-sm text-slate-700">
            {memberCount} member{memberCount === 1 ? '' : 's'}: {roleCounts}.
          </p>
          <p className="mt-1 text-sm text-slate-500">
            {openInvitations === 0 ? 'No open invitations.' : `${openInvitations} open invitation${openInvitations === 1 ? '' : 's'}.`} Invite people by email, change roles, remove members.
          </p>
        </Card>
        <Card title="Workspace">
          {roleCan(scope.role, 'manage') ? (
            <TimeZoneForm workspaceSlug={scope.workspaceSlug} timeZone={scope.timeZone} zones={timeZoneNames()} />
          ) : (
            <p className="text-sm text-slate-700">Time zone: {scope.timeZone}</p>
          )}
          <p className="mt-3 text-xs text-slate-500">
            Console pages show dates in this zone (now: {formatDateTime(new Date(), scope.timeZone)}). CSV exports stay in UTC.
          </p>
        </Card>
        <Card title="Partner portal">
          {roleCan(scope.role, 'manage') ? (
            <CustomerEmailsForm workspaceSlug={scope.workspaceSlug} show={showCustomerEmails} />
          ) : (
            <p className="text-sm text-slate-700">Customers&apos; emails: {showCustomerEmails ? 'shown to partners' : 'masked for partners'}</p>
          )}
          <p className="mt-3 text-xs text-slate-500">
            Partners see which customer each reward came from by the customer’s email, masked (j•••@acme.com) unless you show it whole here.
          </p>
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
        <Card title="API" action={<Link href={`/m/${scope.workspaceSlug}/settings/api`} className="text-sm text-brand-700">Open →</Link>}>
          <p className="text-sm text-slate-500">API keys for the REST API, its reference, and the secret your store signs events with.</p>
        </Card>
        <Card title="Webhooks" action={<Link href={`/m/${scope.workspaceSlug}/settings/webhooks`} className="text-sm text-brand-700">Open →</Link>}>
          <p className="text-sm text-slate-500">Signed webhooks to your server when partners, deals, rewards and payouts change, with a delivery log.</p>
        </Card>
        <Card title="Tracking" action={<Link href={`/m/${scope.workspaceSlug}/settings/tracking`} className="text-sm text-brand-700">Open →</Link>}>
          <p className="text-sm text-slate-500">The domains partners&apos; tracked links may send visitors to.</p>
        </Card>
      </div>
    </>
  );
}
