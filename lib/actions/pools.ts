'use server';

import { revalidatePath } from 'next/cache';
import { closePool } from '../server/rewards/pools';
import { createPool, updatePool } from '../server/pool-config';
import { closePoolSchema, poolConfigSchema, poolUpdateSchema } from '../validation/pools';
import { merchantAction } from './define';

/** Owners and admins create pools. */
export const createPoolAction = merchantAction({
  roles: 'manage',
  input: poolConfigSchema,
  run: async ({ scope, input, db }) => {
    await createPool(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/pools`, 'layout');
    return { ok: true, message: `Pool “${input.name}” created.` };
  },
});

/** Owners and admins edit a pool; periods closed before keep what they paid. */
export const updatePoolAction = merchantAction({
  roles: 'manage',
  input: poolUpdateSchema,
  run: async ({ scope, input, db }) => {
    await updatePool(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/pools`, 'layout');
    return { ok: true, message: `Pool “${input.name}” saved. Periods closed from now on use these settings.` };
  },
});

/** Closes a finished period (finance may); closing it again returns the first result and pays nothing more. */
export const closePoolAction = merchantAction({
  roles: 'finance',
  input: closePoolSchema,
  run: async ({ scope, input: { poolId, period, preview }, db }) => {
    const result = await closePool(db, scope.workspaceId, poolId, period, new Date(), { preview, actorUserId: scope.userId });
    revalidatePath(`/m/${scope.workspaceSlug}/pools`, 'layout');
    const winners = result.closing.standings.filter((s) => s.qualified).length;
    const closed = result.closing.period;
    return {
      ok: true,
      message: result.alreadyClosed
        ? `${closed} was already closed; nothing changed.`
        : `${closed} closed: ${winners} partner${winners === 1 ? '' : 's'} qualified${winners ? ' and their bonuses are payable now' : ''}.`,
    };
  },
});
