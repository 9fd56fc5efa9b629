'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';

/**
 * The sidebar, which below the `lg` breakpoint folds into a top bar with a menu button. On wide
 * screens the server-rendered classes already show it (`hidden lg:flex`), so there is no shift when
 * the page hydrates. The menu closes itself on navigation: it is open only for the path it was
 * opened on.
 */
export function CollapsibleSidebar({ title, children }: { title: string; children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <>
      <div className="sticky top-0 z-20 flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <Link href="/home" className="shrink-0 text-base font-semibold text-brand-700">PartnerLedger</Link>
        <span className="min-w-0 flex-1 truncate text-sm text-slate-600">{title}</span>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="app-sidebar"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="inline-flex shrink-0 items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
            {open ? (
              <path d="M5.3 4.3a1 1 0 0 1 1.4 0L10 7.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 9l3.3 3.3a1 1 0 0 1-1.4 1.4L10 10.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 9 5.3 5.7a1 1 0 0 1 0-1.4Z" />
            ) : (
              <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
            )}
          </svg>
          Menu
        </button>
      </div>
      <aside
        id="app-sidebar"
        className={`${open ? 'flex' : 'hidden'} shrink-0 flex-col border-b border-slate-200 bg-white px-3 py-5 lg:flex lg:min-h-screen lg:w-60 lg:border-b-0 lg:border-r`}
      >
        {children}
      </aside>
    </>
  );
}
