'use client';

import { startTransition, useActionState, type FormEvent } from 'react';
import { settlePayoutAction } from '@/lib/actions/payouts';
import type { ActionResult } from '@/lib/actions/result';

/**
 * Settles one payout in its table row: paid with the transfer's reference, or failed with the
 * reason. The row stays mounted after the page refreshes, so the result message stays next to the
 * payout (now showing its new status) instead of vanishing with the form.
 */
export function SettlePayout({ workspaceSlug, payoutId, processing = true }: { workspaceSlug: string; payoutId: string; processing?: boolean }) {
  const settle: (prev: ActionResult | null, form: FormData) => Promise<ActionResult> = settlePayoutAction.bind(null, workspaceSlug);
  const [state, action, pending] = useActionState(settle, null);
  const message = state ? (
    <span role={state.ok ? 'status' : 'alert'} className={`block min-w-[11rem] max-w-[16rem] text-xs ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>
      {state.ok ? state.message : (state.fields?.note ?? state.message)}
    </span>
  ) : null;
  if (!processing) return message;
  // in a transition, not through the action prop: a refused note stays in the field (see ActionForm)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => action(data));
  };
  return (
    <form action={action} onSubmit={submit} className="flex min-w-[11rem] flex-col gap-1">
      <input type="hidden" name="payoutId" value={payoutId} />
      <input name="note" placeholder="Transfer reference or reason" aria-label="Transfer reference or failure reason" className="w-44 rounded-md border border-slate-300 px-2 py-1 text-xs" />
      <span className="flex gap-3">
        <button name="outcome" value="paid" disabled={pending} className="text-xs font-medium text-emerald-700 hover:underline">Mark paid</button>
        <button name="outcome" value="failed" disabled={pending} className="text-xs font-medium text-red-700 hover:underline">Mark failed</button>
      </span>
      {message}
    </form>
  );
}
