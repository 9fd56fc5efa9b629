import type { ReactNode } from 'react';
import { requireMerchant } from '@/lib/auth/guards';
import { AppShell } from '@/components/shell/app-shell';
import { getDb } from '@/db/client';
import { findWorkspaceBySlug } from '@/db/queries/workspaces';
import { partnerIdsOfUser } from '@/db/queries/partners';
import { roleCan, type RoleGroup } from '@/lib/domain/roles';

export const dynamic = 'force-dynamic';

const sections = [
  ['', 'Overview'],
  ['/programs', 'Programs'],
  ['/partners', 'Partners'],
  ['/deals', 'Deals'],
  ['/groups', 'Program groups'],
  ['/pools', 'Performance pools'],
  ['/customers', 'Customers'],
  ['/events', 'Events'],
  ['/ledger', 'Ledger'],
  ['/payouts', 'Payouts'],
  // the audit log is for owners, admins and finance (a viewer's request is a 404 there)
  ['/audit', 'Audit log', 'finance'],
  ['/settings', 'Settings'],
] as const satisfies readonly (readonly [string, string] | readonly [string, string, RoleGroup])[];

export default async function MerchantLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  // The layout checks too, but every page and action checks again: layouts are not a boundary.
  const { user, scope } = await requireMerchant(workspace);
  const [ws, partnerRecords] = await Promise.all([findWorkspaceBySlug(getDb(), scope.workspaceSlug), partnerIdsOfUser(getDb(), user.id)]);
  const base = `/m/${scope.workspaceSlug}`;
  return (
    <AppShell
      title={ws?.name ?? scope.workspaceSlug}
      subtitle={`Merchant console · ${scope.role}`}
      nav={sections
        .filter((section) => section.length < 3 || roleCan(scope.role, section[2] as RoleGroup))
        .map(([path, label]) => ({ href: `${base}${path}`, label, exact: path === '' }))}
      userEmail={user.email}
      // a member who is also a partner (of this merchant or another) can move to the portal
      crossLink={partnerRecords.length ? { href: '/p', label: 'Partner portal' } : undefined}
    >
      {children}
    </AppShell>
  );
}
