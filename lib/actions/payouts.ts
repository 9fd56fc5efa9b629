'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { z } from 'zod';
import { buildPayoutBatch, confirmPayoutBatch } from '../server/rewards/payout-build';
import { markBatchPayoutsPaid, markPayoutFailed, markPayoutPaid, notProcessingText } from '../server/rewards/payout-settle';
import { formatNumber } from '../format';
import { merchantAction } from './define';

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

const confirmForm = z.object({
  reference: z.string().trim().min(1, 'is required').max(100),
  unit: z.string().trim().max(32).optional().default(''),
  preview: z.string().trim().min(1, 'is missing: preview the batch first').max(64),
});

/**
 * Finance confirms a previewed batch. It is created only while the plan is still the one previewed
 * (else the page shows the new preview), then built after the response, chunk by chunk, while the
 * batch page shows its progress; the build job finishes it should this server stop midway.
 */
export const createPayoutBatchAction = merchantAction({
  roles: 'finance',
  input: confirmForm,
  run: async ({ scope, input, db }) => {
    const base = `/m/${scope.workspaceSlug}/payouts`;
    // also when refused: the preview page then re-renders with the current plan and its fingerprint
    revalidatePath(base, 'layout');
    const result = await confirmPayoutBatch(db, scope.workspaceId, {
      reference: input.reference, at: new Date(), units: input.unit ? [input.unit] : undefined, createdBy: scope.userId, preview: input.preview,
    });
    if (!result.created) return { ok: false, message: `A batch named “${input.reference}” exists already.`, fields: { reference: 'is taken: choose another name' } };
    const { workspaceId } = scope;
    after(async () => {
      try {
        await buildPayoutBatch(db, workspaceId, result.batchId);
      } catch (err) {
        // the build job picks the batch up where this stopped
        console.error(`[payouts] building batch ${result.batchId} stopped; the build job will resume it`, err);
      }
    });
    redirect(`${base}/${result.batchId}?created=1`);
  },
});

const settleForm = z.object({
  payoutId: z.string().uuid('is not a valid id'),
  outcome: z.enum(['paid', 'failed']),
  note: z.string().trim().min(1, 'is required: the transfer reference, or why it failed').max(200),
});

/** Records how one transfer went: paid with its reference, or failed (its entries become payable again). */
export const settlePayoutAction = merchantAction({
  roles: 'finance',
  input: settleForm,
  run: async ({ scope, input: { payoutId, outcome, note }, db }) => {
    const at = new Date();
    const payout = outcome === 'paid'
      ? await markPayoutPaid(db, scope.workspaceId, payoutId, note, at, scope.userId)
      : await markPayoutFailed(db, scope.workspaceId, payoutId, note, at, scope.userId);
    revalidatePath(`/m/${scope.workspaceSlug}/payouts`, 'layout');
    const what = `${payout.partnerName}’s ${payout.amount} ${payout.unit} payout`;
    return { ok: true, message: outcome === 'paid' ? `${what} marked paid with reference ${note}.` : `${what} marked failed; its entries are payable again.` };
  },
});

const idList = z
  .string()
  .trim()
  .max(40_000)
  .transform((s) => (s ? s.split(',').map((id) => id.trim()) : []))
  .pipe(z.array(z.string().uuid('must list payout ids')).max(1_000, 'select at most 1,000 payouts at once'));

const bulkPaidForm = z
  .object({
    batchId: z.string().uuid('is not a valid id'),
    selection: z.enum(['selected', 'all']),
    payoutIds: idList.optional().default([]),
    reference: z.string().trim().min(1, 'is required: the transfer reference').max(200),
  })
  .refine((f) => f.selection === 'all' || f.payoutIds.length > 0, { path: ['payoutIds'], message: 'select at least one payout' });

/** Marks the selected payouts of a batch (or all still processing) paid with one transfer reference. */
export const markPayoutsPaidAction = merchantAction({
  roles: 'finance',
  input: bulkPaidForm,
  run: async ({ scope, input, db }) => {
    const ids = input.selection === 'all' ? undefined : input.payoutIds;
    const result = await markBatchPayoutsPaid(db, scope.workspaceId, input.batchId, ids, input.reference, new Date(), scope.userId);
    revalidatePath(`/m/${scope.workspaceSlug}/payouts`, 'layout');
    const k = result.skipped.length;
    const skipped = k ? ` ${plural(k, 'payout was', 'payouts were')} not processing and left as ${k === 1 ? 'it was' : 'they were'}: ${result.skipped.map(notProcessingText).join('; ')}.` : '';
    if (result.paid.length === 0) return { ok: false, message: `Nothing was marked paid.${skipped || ' No payout of this batch is processing.'}` };
    return { ok: true, message: `${plural(result.paid.length, 'payout')} marked paid with reference ${input.reference}.${skipped}` };
  },
});
