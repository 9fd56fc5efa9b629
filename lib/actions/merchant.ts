'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createProgram } from '../server/programs';
import { changeEnrollmentStatus } from '../server/enrollments';
import { enrollmentStatusSchema } from '../validation/enums';
import { programFormSchema } from '../validation/program';
import { merchantAction } from './define';

export const createProgramAction = merchantAction({
  roles: 'manage',
  input: programFormSchema,
  run: async ({ scope, input, db }) => {
    await createProgram(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/programs`);
    return { ok: true, message: `Program “${input.name}” created.` };
  },
});

const enrollmentDecision = z.object({
  enrollmentId: z.string().uuid('is not a valid id'),
  // a merchant moves an enrollment to any status but back to pending
  status: enrollmentStatusSchema.exclude(['pending']),
});

export const changeEnrollmentAction = merchantAction({
  roles: 'manage',
  input: enrollmentDecision,
  run: async ({ scope, input: { enrollmentId, status }, db }) => {
    await changeEnrollmentStatus(db, scope, enrollmentId, status);
    revalidatePath(`/m/${scope.workspaceSlug}/partners`);
    return { ok: true };
  },
});
