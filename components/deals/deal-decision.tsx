'use client';

import { useActionState } from 'react';
import { decideDealAction } from '@/lib/actions/deals';

/** Approve / reject buttons for a pending registration; decided ones have nothing to do. */
export function DealDecision({ workspaceSlug, dealId, status }: { workspaceSlug: string; dealId: string; status: string }) {
  const [state, action, pending] = useActionState(decideDealAction.bind(null, workspaceSlug), null);
  if (status !== 'pending') return null;
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="dealId" value={dealId} />
      <button name="decision" value="approved" disabled={pending} className="text-xs font-medium text-emerald-700 hover:underline">
        Approve
      </button>
      <button name="decision" value="rejected" disabled={pending} className="text-xs font-medium text-red-700 hover:underline">
        Reject
      </button>
      {state && !state.ok ? <span className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
