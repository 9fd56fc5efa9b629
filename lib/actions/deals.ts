'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { findDeal, findDealEnrollment } from '../../db/queries/deals';
import { partnerIdsOfUser } from '../../db/queries/partners';
import { currentUser, merchantScopeForAction } from '../auth/guards';
import { AppError } from '../errors';
import { decideDeal, expireDeals, registerDeal, type DealInput } from '../server/rewards/deals';
import { ROLE_GROUPS } from '../server/scope';
import { formToObject, toActionError, type ActionResult } from './result';

const DAY_MS = 86_400_000;
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const dealForm = z
  .object({
    enrollmentId: z.string().uuid('choose a program'),
    matchType: z.enum(['email', 'email_domain', 'customer'], 'choose how the prospect is identified'),
    matchValue: z.string().trim().min(1, 'is required').max(320, 'is too long'),
    prospectName: z.string().trim().min(1, 'is required').max(200, 'is too long'),
    notes: z.preprocess(blankToUndefined, z.string().trim().max(2000, 'is too long').optional()),
    expiresDays: z.preprocess(
      blankToUndefined,
      z.coerce.number('must be a number of days').int('must be whole days').min(1, 'must be at least 1 day').max(365, 'must be at most 365 days').default(90),
    ),
  })
  .superRefine((v, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['matchValue'], message });
    if (v.matchType === 'email' && !z.email().safeParse(v.matchValue).success) bad('must be an email address');
    if (v.matchType === 'email_domain' && !DOMAIN.test(v.matchValue.replace(/^@/, ''))) bad('must be a domain such as bigco.com');
    if (v.matchType === 'customer' && v.matchValue.length > 200) bad('is too long');
  });

/**
 * A partner registers a prospect in one of their approved programs. The enrollment must belong to
 * one of the signed-in user's partner records and be approved in an active program: any other id
 * is "not found", whoever owns it. The merchant approves or rejects it later.
 */
export async function registerDealAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('unauthorized', 'Your session has ended; sign in again.');
    const input = dealForm.parse(formToObject(form));
    const db = getDb();
    const partnerIds = (await partnerIdsOfUser(db, user.id)).map((p) => p.id);
    const enrollment = await findDealEnrollment(db, partnerIds, input.enrollmentId);
    if (!enrollment || enrollment.status !== 'approved' || enrollment.programStatus !== 'active') {
      throw new AppError('not_found', 'Program not found.', { enrollmentId: 'not found' });
    }
    const match: DealInput['match'] =
      input.matchType === 'email' ? { email: input.matchValue } : input.matchType === 'email_domain' ? { emailDomain: input.matchValue } : { customer: input.matchValue };
    const now = new Date();
    await registerDeal(db, enrollment.workspaceId, {
      partnerId: enrollment.partnerId,
      programId: enrollment.programId,
      match,
      prospectName: input.prospectName,
      notes: input.notes,
      registeredAt: now,
      expiresAt: new Date(now.getTime() + input.expiresDays * DAY_MS),
    });
    revalidatePath('/p/deals');
    return { ok: true, message: `Deal for “${input.prospectName}” registered in ${enrollment.programName}; the merchant will review it.` };
  } catch (err) {
    return toActionError(err);
  }
}

const dealDecision = z.object({
  dealId: z.string().uuid('is not a valid id'),
  decision: z.enum(['approved', 'rejected']),
});

/**
 * The merchant approves or rejects a pending registration. The tenant comes from the session; a
 * registration of another workspace, or one already decided or expired, is "not found".
 */
export async function decideDealAction(workspaceSlug: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.manage);
    const { dealId, decision } = dealDecision.parse(formToObject(form));
    const db = getDb();
    const now = new Date();
    // a registration past its expiry is no longer pending: mark it so before deciding
    await expireDeals(db, scope.workspaceId, now);
    await decideDeal(db, scope.workspaceId, dealId, decision, now);
    const deal = await findDeal(db, scope.workspaceId, dealId);
    revalidatePath(`/m/${scope.workspaceSlug}/deals`);
    return { ok: true, message: `Deal${deal?.prospectName ? ` for “${deal.prospectName}”` : ''} ${decision}.` };
  } catch (err) {
    return toActionError(err);
  }
}
