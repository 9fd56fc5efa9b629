'use client';

import { useActionState } from 'react';
import { changeEnrollmentAction } from '@/lib/actions/enrollments';
import type { EnrollmentStatus } from '@/lib/domain/enrollments';

// what the service allows next from each status (lib/server/enrollments.ts)
const choices: Record<EnrollmentStatus, { status: EnrollmentStatus; label: string; tone: string }[]> = {
  pending: [
    { status: 'approved', label: 'Approve', tone: 'text-emerald-700' },
    { status: 'rejected', label: 'Reject', tone: 'text-red-700' },
  ],
  approved: [{ status: 'suspended', label: 'Suspend', tone: 'text-amber-700' }],
  suspended: [{ status: 'approved', label: 'Reinstate', tone: 'text-emerald-700' }],
  rejected: [{ status: 'approved', label: 'Approve', tone: 'text-emerald-700' }],
};

export function EnrollmentDecision({ workspaceSlug, enrollmentId, status }: { workspaceSlug: string; enrollmentId: string; status: string }) {
  const [state, action, pending] = useActionState(changeEnrollmentAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      {(choices[status as EnrollmentStatus] ?? []).map((c) => (
        <button key={c.status} name="status" value={c.status} disabled={pending} className={`text-xs font-medium hover:underline ${c.tone}`}>
          {c.label}
        </button>
      ))}
      {state && !state.ok ? <span className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
