import Link from 'next/link';
import type { ReactNode } from 'react';
import { CollapsibleSidebar } from './collapsible-sidebar';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

/**
 * Sidebar layout shared by the merchant console and the partner portal. Below `lg` the sidebar
 * folds into a menu button; `min-w-0` on the main column lets wide content (tables) scroll inside
 * its own card instead of widening the page.
 */
export function AppShell({
  title,
  barTitle,
  subtitle,
  nav,
  userEmail,
  switcher,
  crossLink,
  notice,
  children,
}: {
  title: string;
  /** what the phone's top bar names, when not the title (the portal: the merchant being shown) */
  barTitle?: string;
  subtitle: string;
  nav: { href: string; label: string; exact?: boolean }[];
  userEmail: string;
  switcher?: ReactNode;
  /** the other side of the product for someone who is both a merchant member and a partner */
  crossLink?: { href: string; label: string };
  /** shown above every page's content (the portal: a link about another of the partner's merchants) */
  notice?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen lg:flex">
      <CollapsibleSidebar title={barTitle ?? title}>
        <Link href="/home" className="hidden px-3 text-base font-semibold text-brand-700 lg:block">PartnerLedger</Link>
        <div className="px-3 lg:mt-4">
          <p className="truncate text-sm font-medium text-slate-900" data-testid="shell-title">{title}</p>
          <p className="text-xs text-slate-500">{subtitle}</p>
        </div>
        {switcher ? <div className="mt-3 px-3">{switcher}</div> : null}
        <nav aria-label="Main" className="mt-4 flex-1 lg:mt-6">
          <NavLinks items={nav} />
        </nav>
        <div className="mt-4 border-t border-slate-100 px-3 pt-4">
          {crossLink ? (
            <Link href={crossLink.href} className="mb-3 block text-sm font-medium text-brand-700 hover:underline" data-testid="shell-cross-link">{crossLink.label} →</Link>
          ) : null}
          <p className="truncate text-xs text-slate-500">{userEmail}</p>
          <SignOutButton />
        </div>
      </CollapsibleSidebar>
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
        {notice}
        {children}
      </main>
    </div>
  );
}
