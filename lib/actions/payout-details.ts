'use server';

import { revalidatePath } from 'next/cache';
import { payoutDetailsFormSchema, splitPayoutDetailsForm } from '../validation/payout-details';
import { savePartnerPayoutDetails } from '../server/payout-details';
import { partnerAction } from './define';

/**
 * A partner saves how one workspace should pay them (their portal profile). The partner record
 * must be the caller's own: anyone else's id is "not found", like a record that does not exist.
 */
export const savePayoutDetailsAction = partnerAction({
  input: payoutDetailsFormSchema,
  run: async ({ user, input, db }) => {
    const { partnerId, details } = splitPayoutDetailsForm(input);
    // the service looks the record up among the caller's own (with its workspace) or says not found
    const { masked } = await savePartnerPayoutDetails(db, user.id, partnerId, details);
    revalidatePath('/p/profile');
    return { ok: true, message: `Payout details saved: ${masked}.` };
  },
});
