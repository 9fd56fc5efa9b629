'use client';

import { useActionState } from 'react';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { createPayoutBatchAction, settlePayoutAction } from '@/lib/actions/payouts';

export function CreateBatchForm({ workspaceSlug, units, suggestedReference }: { workspaceSlug: string; units: string[]; suggestedReference: string }) {
  return (
    <ActionForm action={createPayoutBatchAction.bind(null, workspaceSlug)} submitLabel="Create payout batch" pendingLabel="Creating batch…" className="flex flex-col gap-3">
      {(f) => (
        <>
          <Field label="Batch name" name="reference" defaultValue={suggestedReference} error={f.reference} hint="Unique; creating the same batch twice does nothing." />
          <SelectField label="Units" name="unit" error={f.unit} options={[{ value: '', label: 'All units' }, ...units.map((u) => ({ value: u, label: u }))]} />
        </>
      )}
    </ActionForm>
  );
}

export function SettlePayout({ workspaceSlug, payoutId }: { workspaceSlug: string; payoutId: string }) {
  const [state, action, pending] = useActionState(settlePayoutAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="payoutId" value={payoutId} />
      <input name="note" placeholder="Transfer reference or reason" aria-label="Transfer reference or failure reason" className="w-48 rounded-md border border-slate-300 px-2 py-1 text-xs" />
      <button name="outcome" value="paid" disabled={pending} className="text-xs font-medium text-emerald-700 hover:underline">Mark paid</button>
      <button name="outcome" value="failed" disabled={pending} className="text-xs font-medium text-red-700 hover:underline">Mark failed</button>
      {state ? <span className={`text-xs ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>{state.ok ? state.message : (state.fields?.note ?? state.message)}</span> : null}
    </form>
  );
}
