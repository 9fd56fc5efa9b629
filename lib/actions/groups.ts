'use server';

import { revalidatePath } from 'next/cache';
import { createGroup, updateGroupTiers } from '../server/groups';
import { groupUpdateSchema, programGroupSchema } from '../validation/groups';
import { merchantAction } from './define';

const tiers = (n: number) => `${n} program${n === 1 ? '' : 's'}`;

/** Owners and admins build groups; a program already in another group is refused by name. */
export const createGroupAction = merchantAction({
  roles: 'manage',
  input: programGroupSchema,
  run: async ({ scope, input, db }) => {
    await createGroup(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/groups`, 'layout');
    return { ok: true, message: `Group “${input.name}” created with ${tiers(input.programIds.length)}.` };
  },
});

/** Name, strategy and tiers in one save; the order posted is the ranking (first = rank 1). */
export const updateGroupAction = merchantAction({
  roles: 'manage',
  input: groupUpdateSchema,
  run: async ({ scope, input, db }) => {
    await updateGroupTiers(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/groups`, 'layout');
    return { ok: true, message: `Group “${input.name}” saved: ${tiers(input.programIds.length)} in rank order. It applies to events received from now on.` };
  },
});
