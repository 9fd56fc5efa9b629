'use client';

import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { changeEnrollmentAction } from '@/lib/actions/enrollments';
import type { ActionResult } from '@/lib/actions/result';
import type { EnrollmentStatus } from '@/lib/domain/enrollments';

// what the service allows next from each status (lib/server/enrollments.ts)
const choices: Record<EnrollmentStatus, { status: EnrollmentStatus; label: string; tone: string }[]> = {
  pending: [
    { status: 'approved', label: 'Approve', tone: 'bg-emerald-600 text-white hover:bg-emerald-700' },
    { status: 'rejected', label: 'Reject', tone: 'bg-white text-red-700 ring-1 ring-red-200 hover:bg-red-50' },
  ],
  approved: [{ status: 'suspended', label: 'Suspend', tone: 'bg-white text-amber-800 ring-1 ring-amber-200 hover:bg-amber-50' }],
  suspended: [{ status: 'approved', label: 'Reinstate', tone: 'bg-emerald-600 text-white hover:bg-emerald-700' }],
  rejected: [{ status: 'approved', label: 'Approve', tone: 'bg-emerald-600 text-white hover:bg-emerald-700' }],
};

/**
 * The merchant's decision on one enrollment, with an optional reason the partner reads in the
 * portal. Submitted in a transition (not the action prop) so a refused decision keeps the reason.
 */
export function EnrollmentDecision({ workspaceSlug, enrollmentId, status, programName }: { workspaceSlug: string; enrollmentId: string; status: EnrollmentStatus; programName: string }) {
  const [reason, setReason] = useState('');
  const [state, formAction, pending] = useActionState(async (prev: ActionResult | null, form: FormData) => {
    const result = await changeEnrollmentAction(workspaceSlug, prev, form);
    if (result.ok) setReason('');
    return result;
  }, null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };
  const id = `reason-${enrollmentId}`;
  const fieldError = state && !state.ok ? state.fields?.reason : undefined;
  return (
    <form action={formAction} onSubmit={submit} className="flex flex-col gap-2" aria-label={`Decision on ${programName}`} noValidate>
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <label htmlFor={id} className="text-xs font-medium text-slate-600">Reason (optional, shown to the partner)</label>
      <textarea
        id={id}
        name="reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={fieldError ? true : undefined}
        className={`rounded-md border px-3 py-2 text-sm ${fieldError ? 'border-red-400' : 'border-slate-300'}`}
      />
      {fieldError ? <p className="text-xs text-red-600">{fieldError}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        {choices[status].map((c) => (
          <button key={c.status} name="status" value={c.status} disabled={pending} className={`rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:opacity-50 ${c.tone}`}>
            {c.label}
          </button>
        ))}
      </div>
      {state && !state.ok ? <p role="alert" className="text-xs text-red-600">{state.message}</p> : null}
      {state?.ok && state.message ? <p role="status" className="text-xs text-emerald-700">{state.message}</p> : null}
    </form>
  );
}
