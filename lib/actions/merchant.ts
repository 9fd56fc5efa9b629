'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { merchantScopeForAction } from '../auth/guards';
import { createProgram } from '../server/programs';
import { changeEnrollmentStatus } from '../server/enrollments';
import { ROLE_GROUPS } from '../server/scope';
import { programFormSchema } from '../validation/program';
import { formToObject, toActionError, type ActionResult } from './result';

// Every action resolves the tenant from the session itself; the workspace slug in its arguments
// is only a request, checked against the caller's memberships.

export async function createProgramAction(workspaceSlug: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.manage);
    const input = programFormSchema.parse(formToObject(form));
    await createProgram(getDb(), scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/programs`);
    return { ok: true, message: `Program “${input.name}” created.` };
  } catch (err) {
    return toActionError(err);
  }
}

const enrollmentDecision = z.object({
  enrollmentId: z.string().uuid('is not a valid id'),
  status: z.enum(['approved', 'rejected', 'suspended']),
});

export async function changeEnrollmentAction(workspaceSlug: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.manage);
    const { enrollmentId, status } = enrollmentDecision.parse(formToObject(form));
    await changeEnrollmentStatus(getDb(), scope, enrollmentId, status);
    revalidatePath(`/m/${scope.workspaceSlug}/partners`);
    return { ok: true };
  } catch (err) {
    return toActionError(err);
  }
}
