import { Suspense, type ReactNode } from 'react';
import { requireUser } from '@/lib/auth/guards';
import { loadPortalScope } from '@/lib/server/portal-scope';
import { getDb } from '@/db/client';
import { listMemberships } from '@/db/queries/workspaces';
import { AppShell } from '@/components/shell/app-shell';
import { WorkspaceSwitcher } from '@/components/shell/workspace-switcher';
import { MerchantLinkNotice } from '@/components/shell/merchant-link-notice';

export const dynamic = 'force-dynamic';

const nav = [
  { href: '/p', label: 'Dashboard', exact: true },
  { href: '/p/links', label: 'Links & coupons' },
  { href: '/p/deals', label: 'Deal registrations' },
  { href: '/p/earnings', label: 'Earnings' },
  { href: '/p/bonuses', label: 'Bonuses' },
  { href: '/p/payouts', label: 'Payouts' },
  { href: '/p/statements', label: 'Statements' },
  { href: '/p/profile', label: 'Profile' },
];

export default async function PartnerLayout({ children }: { children: ReactNode }) {
  // Every page resolves the scope again (layouts are not a boundary); here it only names the
  // merchant in the header and offers the others.
  const user = await requireUser();
  const [scope, memberships] = await Promise.all([loadPortalScope(user), listMemberships(getDb(), user.id)]);
  // a merchant member who is also a partner: the console of the same merchant when a member there
  const consoleWs = memberships.find((m) => m.slug === scope?.workspace.slug) ?? memberships[0];
  const merchants = scope?.merchants.map((m) => ({ slug: m.slug, name: m.name })) ?? [];
  return (
    <AppShell
      title={user.name ?? user.email}
      barTitle={scope?.workspace.name}
      subtitle="Partner portal"
      nav={nav}
      userEmail={user.email}
      switcher={scope ? <WorkspaceSwitcher merchants={merchants} current={scope.workspace.slug} /> : undefined}
      notice={scope && merchants.length > 1 ? <Suspense><MerchantLinkNotice merchants={merchants} current={scope.workspace.slug} /></Suspense> : undefined}
      crossLink={consoleWs ? { href: `/m/${consoleWs.slug}`, label: 'Merchant console' } : undefined}
    >
      {children}
    </AppShell>
  );
}
