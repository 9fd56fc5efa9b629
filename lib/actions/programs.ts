'use server';

import { revalidatePath } from 'next/cache';
import { changeProgramStatus, changeProgramTerms } from '../server/programs';
import { programStatusFormSchema, programTermsFormSchema } from '../validation/program';
import { merchantAction } from './define';

/** Saves a program's terms as its next version (owners and admins). */
export const updateProgramAction = merchantAction({
  roles: 'manage',
  input: programTermsFormSchema,
  run: async ({ scope, input, db }) => {
    const result = await changeProgramTerms(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/programs`, 'layout');
    return result.changed
      ? { ok: true, message: `Saved as version ${result.version}. Events received from now on use these terms.` }
      : { ok: true, message: `Nothing changed; the terms stay at version ${result.version}.` };
  },
});

/** Archives or restores a program (owners and admins). */
export const setProgramStatusAction = merchantAction({
  roles: 'manage',
  input: programStatusFormSchema,
  run: async ({ scope, input: { programId, status }, db }) => {
    const { name } = await changeProgramStatus(db, scope, programId, status);
    revalidatePath(`/m/${scope.workspaceSlug}/programs`, 'layout');
    return {
      ok: true,
      message: status === 'archived' ? `“${name}” is archived: it pays nothing on new events and accepts no new partners.` : `“${name}” is active again.`,
    };
  },
});
