'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { findEnrollmentOfUser } from '../../db/queries/tracked-links';
import { currentUser } from '../auth/guards';
import { AppError } from '../errors';
import { createLink } from '../server/links';
import { formToObject, toActionError, type ActionResult } from './result';

const newLinkForm = z.object({
  enrollmentId: z.string().uuid('choose a program'),
  destinationUrl: z.string().trim().min(1, 'is required').max(2048),
  code: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(64).optional()),
});

/**
 * A partner creates a tracked link in one of their approved programs. The enrollment must belong
 * to one of the signed-in user's partner records: any other id is "not found", whoever owns it.
 */
export async function createPartnerLinkAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('unauthorized', 'Your session has ended; sign in again.');
    const input = newLinkForm.parse(formToObject(form));
    const db = getDb();
    const enrollment = await findEnrollmentOfUser(db, user.id, input.enrollmentId);
    if (!enrollment) throw new AppError('not_found', 'Program not found.', { enrollmentId: 'not found' });
    const link = await createLink(db, enrollment.workspaceId, {
      partnerId: enrollment.partnerId, programId: enrollment.programId, destinationUrl: input.destinationUrl, code: input.code,
    });
    revalidatePath('/p/links');
    return { ok: true, message: `Link /r/${link.code} created.` };
  } catch (err) {
    return toActionError(err);
  }
}
