'use server';

import { revalidatePath } from 'next/cache';
import { notificationPrefsFormSchema, partnerProfileFormSchema } from '../validation/partner-profile';
import { savePartnerProfile } from '../server/partner-profile';
import { partnerAction } from './define';

// The portal's profile forms. The partner record comes from the form (the page puts the chosen
// merchant's record there); the service accepts only the caller's own records, so any other id is
// "not found", like a record that does not exist.

/** Name, company, website and tax country: a blank optional field clears it. */
export const savePartnerProfileAction = partnerAction({
  input: partnerProfileFormSchema,
  run: async ({ user, input, db }) => {
    const { changed } = await savePartnerProfile(db, user.id, input.partnerId, {
      name: input.name,
      company: input.company ?? null,
      website: input.website ?? null,
      taxCountry: input.taxCountry ?? null,
    });
    revalidatePath('/p/profile');
    return { ok: true, message: changed ? 'Profile saved.' : 'Nothing changed.' };
  },
});

/** Which notification emails the partner wants from this merchant. */
export const saveNotificationPrefsAction = partnerAction({
  input: notificationPrefsFormSchema,
  run: async ({ user, input, db }) => {
    const { changed } = await savePartnerProfile(db, user.id, input.partnerId, { notificationPrefs: input.notificationPrefs });
    revalidatePath('/p/profile');
    return { ok: true, message: changed ? 'Email preferences saved.' : 'Nothing changed.' };
  },
});
