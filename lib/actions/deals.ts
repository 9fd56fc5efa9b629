'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { dealMatchValueProblem, dealRegistrationFields } from '../validation/deals';
import { registerPartnerDeal } from '../server/deal-registration';
import { decideDeal } from '../server/rewards/deals';
import { merchantAction, partnerAction } from './define';

// the portal's form: the registration fields the REST API also takes (lib/validation/deals.ts)
const dealForm = z
  .object({ enrollmentId: z.string().uuid('choose a program'), ...dealRegistrationFields })
  .superRefine((v, ctx) => {
    const problem = dealMatchValueProblem(v.matchType, v.matchValue);
    if (problem) ctx.addIssue({ code: 'custom', path: ['matchValue'], message: problem });
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
