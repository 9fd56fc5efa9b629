'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { DEAL_MATCH_TYPES } from '../domain/deals';
import { registerPartnerDeal } from '../server/deal-registration';
import { decideDeal } from '../server/rewards/deals';
import { merchantAction, partnerAction } from './define';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const dealForm = z
  .object({
    enrollmentId: z.string().uuid('choose a program'),
    matchType: z.enum(DEAL_MATCH_TYPES, 'choose how the prospect is identified'),
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

/** A partner registers a prospect in one of their approved programs; the merchant reviews it later. */
export const registerDealAction = partnerAction({
  input: dealForm,
  run: async ({ partnerIds, input, db }) => {
    const { programName } = await registerPartnerDeal(db, { partnerIds }, input);
    revalidatePath('/p/deals');
    return { ok: true, message: `Deal for “${input.prospectName}” registered in ${programName}; the merchant will review it.` };
  },
});

const dealDecision = z.object({
  dealId: z.string().uuid('is not a valid id'),
  decision: z.enum(['approved', 'rejected']),
});

/**
 * The merchant approves or rejects a pending registration. A registration of another workspace,
 * or one already decided or past its expiry, is "not found".
 */
export const decideDealAction = merchantAction({
  roles: 'manage',
  input: dealDecision,
  run: async ({ scope, input: { dealId, decision }, db }) => {
    const deal = await decideDeal(db, scope.workspaceId, dealId, decision, new Date(), scope.userId);
    revalidatePath(`/m/${scope.workspaceSlug}/deals`);
    return { ok: true, message: `Deal${deal.prospectName ? ` for “${deal.prospectName}”` : ''} ${decision}.` };
  },
});
