import Link from 'next/link';
import type { ReactNode } from 'react';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

/** Sidebar layout shared by the merchant console and the partner portal. */
export function AppShell({
  title,
  subtitle,
  nav,
  userEmail,
  switcher,
  children,
}: {
  title: string;
  subtitle: string;
  nav: { href: string; label: string; exact?: boolean }[];
  userEmail: string;
  switcher?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white px-3 py-5">
        <Link href="/home" className="px-3 text-base font-semibold text-brand-700">PartnerLedger</Link>
        <div className="mt-4 px-3">
          <p className="truncate text-sm font-medium text-slate-900" data-testid="shell-title">{title}</p>
          <p className="text-xs text-slate-500">{subtitle}</p>
        </div>
        {switcher ? <div className="mt-3 px-3">{switcher}</div> : null}
        <nav className="mt-6 flex-1">
          <NavLinks items={nav} />
        </nav>
        <div className="border-t border-slate-100 px-3 pt-4">
          <p className="truncate text-xs text-slate-500">{userEmail}</p>
          <SignOutButton />
        </div>
      </aside>
      <main className="flex-1 overflow-x-auto px-8 py-8">{children}</main>
    </div>
  );
}
