'use client';

import { useActionState } from 'react';
import { Button } from '../ui/button';
import { setProgramStatusAction } from '@/lib/actions/programs';

/** Archive (stops paying on new events, closes the join page) or restore a program; both can be undone. */
export function ProgramStatusForm({ workspaceSlug, programId, status }: { workspaceSlug: string; programId: string; status: string }) {
  const [state, action, pending] = useActionState(setProgramStatusAction.bind(null, workspaceSlug), null);
  const archiving = status === 'active';
  return (
    <form action={action} className="flex flex-col gap-3">
      {state && !state.ok ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.message}</p> : null}
      {state?.ok && state.message ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">{state.message}</p> : null}
      <input type="hidden" name="programId" value={programId} />
      <input type="hidden" name="status" value={archiving ? 'archived' : 'active'} />
      <p className="text-sm text-slate-600">
        {archiving
          ? 'An archived program pays nothing on events received afterwards, takes no new partners and hides its join page. Rewards already recorded stay and are paid out as usual.'
          : 'Restoring makes the program pay on new events again and reopens its join page if it is on.'}
      </p>
      <Button type="submit" variant={archiving ? 'danger' : 'primary'} disabled={pending}>
        {pending ? 'Working…' : archiving ? 'Archive program' : 'Restore program'}
      </Button>
    </form>
  );
}
