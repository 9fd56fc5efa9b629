'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { closePool } from '../server/rewards/pools';
import { merchantAction } from './define';

const closeForm = z.object({
  poolId: z.string().uuid('is not a valid id'),
  period: z.string().trim().regex(/^\d{4}(-Q[1-4])?$/, 'must look like 2026-Q1 or 2026'),
});

/** Closes a finished period; closing it again returns the first result and pays nothing more. */
export const closePoolAction = merchantAction({
  roles: 'finance',
  input: closeForm,
  run: async ({ scope, input: { poolId, period }, db }) => {
    const result = await closePool(db, scope.workspaceId, poolId, period, new Date());
    revalidatePath(`/m/${scope.workspaceSlug}/pools`);
    const winners = result.closing.standings.filter((s) => s.qualified).length;
    return { ok: true, message: result.alreadyClosed ? `${period} was already closed; nothing changed.` : `${period} closed: ${winners} partner${winners === 1 ? '' : 's'} qualified.` };
  },
});
