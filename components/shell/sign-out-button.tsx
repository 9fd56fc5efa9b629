'use client';

import { useActionState } from 'react';
import { signOutAction } from '@/lib/actions/auth';

/** Sign out through the wrapped action; its redirect to /sign-in ends the session's pages. */
export function SignOutButton() {
  const [state, action, pending] = useActionState(signOutAction, null);
  return (
    <form action={action}>
      {state && !state.ok ? <p role="alert" className="text-xs text-red-700">{state.message}</p> : null}
      <button type="submit" disabled={pending} className="mt-1 text-xs font-medium text-slate-600 hover:text-slate-900">Sign out</button>
    </form>
  );
}
