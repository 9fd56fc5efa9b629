'use client';

import { ActionForm } from '../forms/action-form';
import { closePoolAction } from '@/lib/actions/pools';

/**
 * Confirms the closing previewed above it: posts the period and the preview's fingerprint, so a
 * closing whose figures changed since (a late event, an edited pool) is refused, not paid.
 */
export function ClosePoolForm({ workspaceSlug, poolId, period, preview, summary }: { workspaceSlug: string; poolId: string; period: string; preview: string; summary: string }) {
  return (
    <ActionForm action={closePoolAction.bind(null, workspaceSlug)} submitLabel={`Close ${period} and pay these bonuses`} pendingLabel="Closing…" className="flex flex-col gap-2">
      {(f) => (
        <>
          <input type="hidden" name="poolId" value={poolId} />
          <input type="hidden" name="period" value={period} />
          <input type="hidden" name="preview" value={preview} />
          <p className="text-sm text-slate-600">{summary}</p>
          {f.period ? <p className="text-xs text-red-600">{f.period}</p> : null}
        </>
      )}
    </ActionForm>
  );
}
