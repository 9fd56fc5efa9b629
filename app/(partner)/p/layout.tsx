import type { ReactNode } from 'react';
import { requirePartner } from '@/lib/auth/guards';
import { AppShell } from '@/components/shell/app-shell';

export const dynamic = 'force-dynamic';

const nav = [
  { href: '/p', label: 'My programs', exact: true },
  { href: '/p/links', label: 'Links & coupons' },
  { href: '/p/deals', label: 'Deal registrations' },
  { href: '/p/earnings', label: 'Earnings' },
  { href: '/p/bonuses', label: 'Bonuses' },
  { href: '/p/payouts', label: 'Payouts' },
  { href: '/p/profile', label: 'Profile' },
];

export default async function PartnerLayout({ children }: { children: ReactNode }) {
  const { user } = await requirePartner();
  return (
    <AppShell title={user.name ?? user.email} subtitle="Partner portal" nav={nav} userEmail={user.email}>
      {children}
    </AppShell>
  );
}
