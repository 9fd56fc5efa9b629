'use client';

import { ActionForm } from '../forms/action-form';
import { setProgramStatusAction } from '@/lib/actions/programs';

/** Archive (stops paying on new events, closes the join page) or restore a program. */
export function ProgramStatusForm({ workspaceSlug, programId, status }: { workspaceSlug: string; programId: string; status: string }) {
  const archiving = status === 'active';
  return (
    <ActionForm action={setProgramStatusAction.bind(null, workspaceSlug)} submitLabel={archiving ? 'Archive program' : 'Restore program'} className="flex flex-col gap-3">
      {() => (
        <>
          <input type="hidden" name="programId" value={programId} />
          <input type="hidden" name="status" value={archiving ? 'archived' : 'active'} />
          <p className="text-sm text-slate-600">
            {archiving
              ? 'An archived program pays nothing on events received afterwards, takes no new partners and hides its join page. Rewards already recorded stay and are paid out as usual.'
              : 'Restoring makes the program pay on new events again and reopens its join page if it is on.'}
          </p>
        </>
      )}
    </ActionForm>
  );
}
