'use client';

import { ActionForm } from '../forms/action-form';
import { Field } from '../ui/field';
import { closePoolAction } from '@/lib/actions/pools';

export function ClosePoolForm({ workspaceSlug, poolId, suggestedPeriod }: { workspaceSlug: string; poolId: string; suggestedPeriod: string }) {
  return (
    <ActionForm action={closePoolAction.bind(null, workspaceSlug)} submitLabel="Close period" className="flex flex-col gap-2">
      {(f) => (
        <>
          <input type="hidden" name="poolId" value={poolId} />
          <Field label="Period" name="period" defaultValue={suggestedPeriod} error={f.period} hint="Only a period that has ended can be closed." />
        </>
      )}
    </ActionForm>
  );
}
