import type { ReactNode } from 'react';
import { requireMerchant } from '@/lib/auth/guards';
import { AppShell } from '@/components/shell/app-shell';
import { getDb } from '@/db/client';
import { findWorkspaceBySlug } from '@/db/queries/workspaces';

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
  ['/audit', 'Audit log'],
  ['/settings', 'Settings'],
] as const;

export default async function MerchantLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  // The layout checks too, but every page and action checks again: layouts are not a boundary.
  const { user, scope } = await requireMerchant(workspace);
  const ws = await findWorkspaceBySlug(getDb(), scope.workspaceSlug);
  const base = `/m/${scope.workspaceSlug}`;
  return (
    <AppShell
      title={ws?.name ?? scope.workspaceSlug}
      subtitle={`Merchant console · ${scope.role}`}
      nav={sections.map(([path, label]) => ({ href: `${base}${path}`, label, exact: path === '' }))}
      userEmail={user.email}
    >
      {children}
    </AppShell>
  );
}
