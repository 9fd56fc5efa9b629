'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createPartnerLink } from '../server/links';
import { partnerAction } from './define';

// blank optional fields arrive as '' from the form: they mean "none", not an invalid value
const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());

const newLinkForm = z.object({
  enrollmentId: z.string().uuid('choose a program'),
  destinationUrl: z.string().trim().min(1, 'is required').max(2048),
  code: optionalText(64),
  // the full rule (characters, length) is the service's, so every caller gets the same message
  subId: optionalText(200),
});

/** A partner creates a tracked link in one of their own approved programs, with an optional sub-id. */
export const createPartnerLinkAction = partnerAction({
  input: newLinkForm,
  run: async ({ partnerIds, input, db }) => {
    const link = await createPartnerLink(db, { partnerIds }, input);
    revalidatePath('/p/links');
    return { ok: true, message: `Link /r/${link.code} created${link.subId ? ` with sub-id ${link.subId}` : ''}.` };
  },
});
