'use client';

import { useActionState } from 'react';
import { changeEnrollmentAction } from '@/lib/actions/enrollments';

/**
 * Approve or reject a pending application straight from the partner list, without a reason (the
 * partner page's decision form takes one). One form per pending enrollment.
 */
export function QuickDecision({ workspaceSlug, enrollmentId, programName, showProgram }: { workspaceSlug: string; enrollmentId: string; programName: string; showProgram: boolean }) {
  const [state, action, pending] = useActionState(changeEnrollmentAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      {showProgram ? <span className="text-xs text-slate-500">{programName}:</span> : null}
      <button name="status" value="approved" disabled={pending} aria-label={showProgram ? `Approve ${programName}` : 'Approve'} className="text-xs font-medium text-emerald-700 hover:underline disabled:opacity-50">
        Approve
      </button>
      <button name="status" value="rejected" disabled={pending} aria-label={showProgram ? `Reject ${programName}` : 'Reject'} className="text-xs font-medium text-red-700 hover:underline disabled:opacity-50">
        Reject
      </button>
      {state && !state.ok ? <span role="alert" className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
