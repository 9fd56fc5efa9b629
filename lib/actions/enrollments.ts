'use server';

import { revalidatePath } from 'next/cache';
import { changeEnrollmentStatus } from '../server/enrollments';
import { enrollmentDecisionSchema } from '../validation/enrollments';
import { merchantAction } from './define';

const DONE = { approved: 'approved', rejected: 'rejected', suspended: 'suspended' } as const;

/** Approve, reject, suspend or reinstate; the optional reason is shown to the partner. */
export const changeEnrollmentAction = merchantAction({
  roles: 'manage',
  input: enrollmentDecisionSchema,
  run: async ({ scope, input: { enrollmentId, status, reason }, db }) => {
    await changeEnrollmentStatus(db, scope, enrollmentId, status, new Date(), reason);
    revalidatePath(`/m/${scope.workspaceSlug}/partners`, 'layout');
    return { ok: true, message: `Enrollment ${DONE[status]}.` };
  },
});
