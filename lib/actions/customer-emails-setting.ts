'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { setPartnerCustomerEmails } from '../server/customer-emails-setting';
import { merchantAction } from './define';

// an unticked checkbox sends nothing: absent is "masked"
const customerEmailsSchema = z.object({
  showCustomerEmails: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});

/** Settings → Partner portal: show partners their customers' emails whole, or masked (default). */
export const setPartnerCustomerEmailsAction = merchantAction({
  roles: 'manage',
  input: customerEmailsSchema,
  run: async ({ scope, input, db }) => {
    const { changed } = await setPartnerCustomerEmails(db, scope, input.showCustomerEmails);
    revalidatePath(`/m/${scope.workspaceSlug}/settings`);
    const now = input.showCustomerEmails ? 'Partners now see their customers’ emails.' : 'Partners now see their customers’ emails masked (j•••@acme.com).';
    return { ok: true, message: changed ? now : 'Nothing changed.' };
  },
});
