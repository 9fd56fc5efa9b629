'use client';

import { ActionForm } from '../forms/action-form';
import { createPayoutBatchAction } from '@/lib/actions/payouts';

/**
 * Confirms the batch previewed above it. It posts the preview's fingerprint: if the balances changed
 * in between, nothing is created and the page shows the new preview with the reason. On success the
 * action opens the new batch's page, where its build progress shows.
 */
export function ConfirmBatchForm({ workspaceSlug, reference, unit, preview, summary, submitLabel }: {
  workspaceSlug: string; reference: string; unit: string; preview: string; summary: string; submitLabel: string;
}) {
  return (
    <ActionForm action={createPayoutBatchAction.bind(null, workspaceSlug)} submitLabel={submitLabel} pendingLabel="Creating the batch…" className="flex flex-col items-start gap-3">
      {(f) => (
        <>
          <input type="hidden" name="reference" value={reference} />
          <input type="hidden" name="unit" value={unit} />
          <input type="hidden" name="preview" value={preview} />
          <p className="text-sm text-slate-600">{summary}</p>
          {f.reference ? <p className="text-xs text-red-600">Batch name {f.reference}.</p> : null}
        </>
      )}
    </ActionForm>
  );
}
