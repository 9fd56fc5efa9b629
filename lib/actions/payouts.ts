'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { merchantScopeForAction } from '../auth/guards';
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from '../server/rewards/payouts';
import { ROLE_GROUPS } from '../server/scope';
import { formToObject, toActionError, type ActionResult } from './result';

const batchForm = z.object({
  reference: z.string().trim().min(1, 'is required').max(100),
  unit: z.string().trim().max(32).optional().default(''),
});

/** Finance creates a batch: every payable balance at or above its unit's minimum is taken. */
export async function createPayoutBatchAction(workspaceSlug: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.finance);
    const input = batchForm.parse(formToObject(form));
    const result = await createPayoutBatch(getDb(), scope.workspaceId, {
      reference: input.reference, at: new Date(), units: input.unit ? [input.unit] : undefined, createdBy: scope.userId,
    });
    revalidatePath(`/m/${scope.workspaceSlug}/payouts`);
    if (!result.created) return { ok: false, message: `A batch named “${input.reference}” exists already.`, fields: { reference: 'is taken' } };
    const carried = result.carriedForward.length;
    return {
      ok: true,
      message: `${result.payouts.length} payout${result.payouts.length === 1 ? '' : 's'} created${carried ? `; ${carried} balance${carried === 1 ? '' : 's'} below the minimum or not positive carried forward` : ''}.`,
    };
  } catch (err) {
    return toActionError(err);
  }
}

const settleForm = z.object({
  payoutId: z.string().uuid('is not a valid id'),
  outcome: z.enum(['paid', 'failed']),
  note: z.string().trim().min(1, 'is required: the transfer reference, or why it failed').max(200),
});

export async function settlePayoutAction(workspaceSlug: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.finance);
    const { payoutId, outcome, note } = settleForm.parse(formToObject(form));
    if (outcome === 'paid') await markPayoutPaid(getDb(), scope.workspaceId, payoutId, note, new Date());
    else await markPayoutFailed(getDb(), scope.workspaceId, payoutId, note, new Date());
    revalidatePath(`/m/${scope.workspaceSlug}/payouts`);
    return { ok: true, message: outcome === 'paid' ? 'Marked paid.' : 'Marked failed; its entries are payable again.' };
  } catch (err) {
    return toActionError(err);
  }
}
