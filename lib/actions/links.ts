'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createPartnerLink } from '../server/links';
import { partnerAction } from './define';

const newLinkForm = z.object({
  enrollmentId: z.string().uuid('choose a program'),
  destinationUrl: z.string().trim().min(1, 'is required').max(2048),
  code: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(64).optional()),
});

/** A partner creates a tracked link in one of their own approved programs. */
export const createPartnerLinkAction = partnerAction({
  input: newLinkForm,
  run: async ({ partnerIds, input, db }) => {
    const link = await createPartnerLink(db, { partnerIds }, input);
    revalidatePath('/p/links');
    return { ok: true, message: `Link /r/${link.code} created.` };
  },
});
