'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from '../server/rewards/payouts';
import { merchantAction } from './define';

const batchForm = z.object({
  reference: z.string().trim().min(1, 'is required').max(100),
  unit: z.string().trim().max(32).optional().default(''),
});

/** Finance creates a batch: every payable balance at or above its unit's minimum is taken. */
export const createPayoutBatchAction = merchantAction({
  roles: 'finance',
  input: batchForm,
  run: async ({ scope, input, db }) => {
    const result = await createPayoutBatch(db, scope.workspaceId, {
      reference: input.reference, at: new Date(), units: input.unit ? [input.unit] : undefined, createdBy: scope.userId,
    });
    revalidatePath(`/m/${scope.workspaceSlug}/payouts`);
    if (!result.created) return { ok: false, message: `A batch named “${input.reference}” exists already.`, fields: { reference: 'is taken' } };
    const carried = result.carriedForward.length;
    return {
      ok: true,
      message: `${result.payouts.length} payout${result.payouts.length === 1 ? '' : 's'} created${carried ? `; ${carried} balance${carried === 1 ? '' : 's'} below the minimum or not positive carried forward` : ''}.`,
    };
  },
});

const settleForm = z.object({
  payoutId: z.string().uuid('is not a valid id'),
  outcome: z.enum(['paid', 'failed']),
  note: z.string().trim().min(1, 'is required: the transfer reference, or why it failed').max(200),
});

/** Records how a transfer went: paid with its reference, or failed (its entries become payable again). */
export const settlePayoutAction = merchantAction({
  roles: 'finance',
  input: settleForm,
  run: async ({ scope, input: { payoutId, outcome, note }, db }) => {
    if (outcome === 'paid') await markPayoutPaid(db, scope.workspaceId, payoutId, note, new Date());
    else await markPayoutFailed(db, scope.workspaceId, payoutId, note, new Date());
    revalidatePath(`/m/${scope.workspaceSlug}/payouts`);
    return { ok: true, message: outcome === 'paid' ? 'Marked paid.' : 'Marked failed; its entries are payable again.' };
  },
});
