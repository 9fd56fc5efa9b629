'use server';

import { revalidatePath } from 'next/cache';
import { createProgram } from '../server/programs';
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
