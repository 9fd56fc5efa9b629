'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useActionState, useEffect, useId } from 'react';
import { choosePortalWorkspaceAction } from '@/lib/actions/portal-workspace';

/**
 * The portal's merchant picker. Choosing submits at once (the Switch button is there without
 * JavaScript: the form posts the server action either way); the server remembers the choice in a
 * cookie and the page re-renders with that merchant's data. A detail page (one reward) belongs to
 * the old merchant, so the switch lands on its section's list instead. One merchant: its name, no
 * picker.
 */
export function WorkspaceSwitcher({ merchants, current }: { merchants: { slug: string; name: string }[]; current: string }) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const [state, dispatch, pending] = useActionState(choosePortalWorkspaceAction, null);
  useEffect(() => {
    if (!state?.ok) return;
    // /p/earnings/<id> → /p/earnings: the same section, the new merchant's list
    const section = pathname.split('/').slice(0, 3).join('/') || '/p';
    if (section !== pathname) router.push(section);
    router.refresh();
    // only a new answer moves the page, not a later navigation
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const currentName = merchants.find((m) => m.slug === current)?.name ?? current;

  if (merchants.length < 2) {
    return (
      <div data-testid="portal-merchant">
        <p className="text-xs text-slate-500">Merchant</p>
        <p className="truncate text-sm font-medium text-slate-900">{currentName}</p>
      </div>
    );
  }

  return (
    <form data-testid="portal-switcher" action={dispatch}>
      <label htmlFor={id} className="text-xs text-slate-500">Merchant</label>
      <div className="mt-0.5 flex gap-1.5">
        <select
          id={id}
          name="workspace"
          defaultValue={current}
          key={current}
          disabled={pending}
          onChange={(e) => e.currentTarget.form?.requestSubmit()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
        >
          {merchants.map((m) => (
            <option key={m.slug} value={m.slug}>{m.name}</option>
          ))}
        </select>
        <button type="submit" disabled={pending} className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400">
          {pending ? 'Switching…' : 'Switch'}
        </button>
      </div>
      {state && !state.ok ? <p role="alert" className="mt-1 text-xs text-red-700">{state.message}</p> : null}
    </form>
  );
}
