'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { choosePortalWorkspaceAction } from '@/lib/actions/portal-workspace';

/**
 * A portal link may name its merchant (`?workspace=<slug>`, as the notification emails do). When
 * that is one of the user's merchants but not the one being shown, this says so and switches with
 * one click, staying on the same page. Reading a page never switches by itself: only the button
 * (a server action) changes what is remembered. An unknown slug is ignored.
 */
export function MerchantLinkNotice({ merchants, current }: { merchants: { slug: string; name: string }[]; current: string }) {
  const asked = useSearchParams().get('workspace');
  const pathname = usePathname();
  const router = useRouter();
  const [state, dispatch, pending] = useActionState(choosePortalWorkspaceAction, null);
  useEffect(() => {
    if (!state?.ok) return;
    router.replace(pathname);
    router.refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const target = merchants.find((m) => m.slug === asked);
  const shown = merchants.find((m) => m.slug === current);
  if (!target || target.slug === current) return null;
  return (
    <form action={dispatch} className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="merchant-link-notice">
      <input type="hidden" name="workspace" value={target.slug} />
      <p className="min-w-0 flex-1 basis-64">
        This link is about your work with <strong>{target.name}</strong>; you are looking at {shown?.name ?? 'another merchant'}.
      </p>
      <button type="submit" disabled={pending} className="shrink-0 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-amber-900 ring-1 ring-amber-300 hover:bg-amber-100 disabled:opacity-60">
        {pending ? 'Switching…' : `Show ${target.name}`}
      </button>
      {state && !state.ok ? <p role="alert" className="w-full text-xs text-red-700">{state.message}</p> : null}
    </form>
  );
}
