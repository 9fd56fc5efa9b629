import { z } from 'zod';
import { apiDealTargets, findApiDeal, listApiDeals, type ApiDealRow } from '../../../db/queries/api/deals';
import type { Executor } from '../../../db/client';
import { AppError } from '../../errors';
import { withApiFieldNames } from '../field-names';
import { registerPartnerDeal } from '../../server/deal-registration';
import { decideDeal } from '../../server/rewards/deals';
import { dealMatchValueProblem, dealRegistrationFields } from '../../validation/deals';
import { dealMatchTypeSchema, dealStatusSchema } from '../../validation/enums';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { idParams, isoTime } from './fields';

// Deal registrations over the REST API. The merchant registers a prospect on a partner's behalf
// through the portal's own path (registerPartnerDeal, with the portal form's field rules), so the
// partner must be approved in an active program either way; approving and rejecting go through
// decideDeal, as the console's review queue does (audited, the partner notified, webhooks queued).

const TAG = 'Deals';
const ID = idParams('The deal registration’s id.');

export const dealSchema = z
  .object({
    id: z.string().meta({ description: 'The registration’s id.' }),
    object: z.literal('deal'),
    partner_id: z.string(),
    program_id: z.string(),
    match_type: dealMatchTypeSchema.meta({ description: 'How the prospect is recognised when they buy: by `email`, by `email_domain` or by your `customer` id.' }),
    match_value: z.string().meta({ description: 'The email or domain (lower-cased), or your customer id.', example: 'bigco.com' }),
    prospect_name: z.string().meta({ description: 'Who the prospect is, in the partner’s words.', example: 'BigCo Ltd' }),
    notes: z.string(),
    status: dealStatusSchema.meta({ description: 'As of this answer: a pending or approved registration past `expires_at` reads `expired`.' }),
    registered_at: isoTime('When the claim was made; an approved deal counts as the partner’s touch from then.'),
    decided_at: isoTime('When it was approved or rejected.').nullable(),
    expires_at: isoTime('When the claim lapses.'),
  })
  .meta({ id: 'Deal' });

function dealObject(row: ApiDealRow): z.input<typeof dealSchema> {
  return {
    id: row.id,
    object: 'deal',
    partner_id: row.partnerId,
    program_id: row.programId,
    match_type: row.matchType,
    match_value: row.matchValue,
    prospect_name: row.prospectName,
    notes: row.notes,
    status: row.status,
    registered_at: row.registeredAt.toISOString(),
    decided_at: row.decidedAt?.toISOString() ?? null,
    expires_at: row.expiresAt.toISOString(),
  };
}

async function dealOf(db: Executor, workspaceId: string, dealId: string, asOf: Date) {
  const row = await findApiDeal(db, workspaceId, dealId, asOf);
  if (!row) throw new AppError('not_found', 'No such deal registration.');
  return dealObject(row);
}

export const listDeals = defineEndpoint({
  method: 'get',
  path: '/deals',
  operationId: 'listDeals',
  summary: 'List deal registrations',
  description: 'The workspace’s deal registrations, newest registration first.',
  tag: TAG,
  access: 'read',
  query: z.object({
    ...pageQuery,
    status: dealStatusSchema.optional().meta({ description: 'Only registrations with this status now (expiry is read as of the request).' }),
    partner_id: z.uuid().optional().meta({ description: 'Only this partner’s registrations.' }),
    program_id: z.uuid().optional().meta({ description: 'Only registrations in this program.' }),
  }),
  response: listOf(dealSchema, 'DealList'),
  handle: async ({ caller, db, query, now }) => {
    const rows = await listApiDeals(db, caller.scope.workspaceId, {
      status: query.status, partnerId: query.partner_id, programId: query.program_id, asOf: now, limit: query.limit, startingAfter: query.starting_after,
    });
    return pageOf(rows, query.limit, dealObject);
  },
});

export const getDeal = defineEndpoint({
  method: 'get',
  path: '/deals/{id}',
  operationId: 'getDeal',
  summary: 'Get a deal registration',
  tag: TAG,
  access: 'read',
  params: ID,
  response: dealSchema,
  handle: ({ caller, db, params, now }) => dealOf(db, caller.scope.workspaceId, params.id, now),
});

// the portal form's own field schemas and prospect check, under the API's snake_case names
const fields = dealRegistrationFields;
const registerDealBody = z
  .object({
    partner_id: z.uuid().meta({ description: 'The partner the claim is for.' }),
    program_id: z.uuid().meta({ description: 'A program the partner is approved in; it must be active.' }),
    match_type: fields.matchType.meta({ description: 'How the prospect is recognised: `email`, `email_domain` or `customer` (your customer id).', example: 'email_domain' }),
    match_value: fields.matchValue.meta({ description: 'The email, the domain (bigco.com) or your customer id.', example: 'bigco.com' }),
    prospect_name: fields.prospectName.meta({ description: 'The company or person, as the partner names them.', example: 'BigCo Ltd' }),
    notes: fields.notes.meta({ description: 'Anything the reviewer should know (up to 2,000 characters).' }),
    expires_days: fields.expiresDays.meta({ description: 'How many days the claim lasts from now, 1 to 365 (90 when left out).', example: 90 }),
  })
  .superRefine((v, ctx) => {
    const problem = dealMatchValueProblem(v.match_type, v.match_value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['match_value'], message: problem });
  });

export const registerDeal = defineEndpoint({
  method: 'post',
  path: '/deals',
  operationId: 'registerDeal',
  summary: 'Register a deal on a partner’s behalf',
  description:
    'A pending registration, as if the partner had made it in the portal: the partner must be approved in the active program. Approve or reject it with the actions below.',
  tag: TAG,
  access: 'write',
  body: registerDealBody,
  response: dealSchema,
  status: 201,
  example: {
    partner_id: '6f1c2d3e-0000-4000-8000-000000000001', program_id: '6f1c2d3e-0000-4000-8000-000000000002',
    match_type: 'email_domain', match_value: 'bigco.com', prospect_name: 'BigCo Ltd', expires_days: 60,
  },
  handle: async ({ caller, db, body, now }) => {
    const workspaceId = caller.scope.workspaceId;
    const targets = await apiDealTargets(db, workspaceId, body.partner_id, body.program_id);
    if (!targets.partnerFound) throw new AppError('not_found', 'Partner not found.', { partner_id: 'not found' });
    if (!targets.programFound) throw new AppError('not_found', 'Program not found.', { program_id: 'not found' });
    const { enrollment } = targets;
    if (!enrollment || enrollment.status !== 'approved' || enrollment.programStatus !== 'active') {
      const why = enrollment ? 'the partner is not approved in this program, or it is archived' : 'the partner is not enrolled in this program';
      throw new AppError('invalid_input', `program_id: ${why}.`, { program_id: why });
    }
    const { id } = await withApiFieldNames(
      () =>
        registerPartnerDeal(
          db,
          { partnerIds: [body.partner_id] },
          { enrollmentId: enrollment.id, matchType: body.match_type, matchValue: body.match_value, prospectName: body.prospect_name, notes: body.notes, expiresDays: body.expires_days },
          now,
        ),
      { enrollmentId: 'program_id', match: 'match_value' },
    );
    return dealOf(db, workspaceId, id, now);
  },
});

function decide(decision: 'approved' | 'rejected') {
  const verb = decision === 'approved' ? 'approve' : 'reject';
  return defineEndpoint({
    method: 'post',
    path: `/deals/{id}/${verb}`,
    operationId: `${verb}Deal`,
    summary: decision === 'approved' ? 'Approve a deal registration' : 'Reject a deal registration',
    description:
      (decision === 'approved'
        ? 'The prospect counts as the partner’s touch from the registration time. '
        : 'The registration no longer credits the partner. ') +
      'Only a pending registration before its expiry can be decided: one already decided or expired is a 409. The partner is notified.',
    tag: TAG,
    access: 'write',
    params: ID,
    response: dealSchema,
    handle: async ({ caller, db, params, now }) => {
      const workspaceId = caller.scope.workspaceId;
      await dealOf(db, workspaceId, params.id, now); // another workspace's id, or none, is a 404
      try {
        // decideDeal also persists the expiry of an overdue registration, as the console's review does
        await decideDeal(db, workspaceId, params.id, decision, now, caller.scope.userId);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
        const { status } = await dealOf(db, workspaceId, params.id, now);
        throw new AppError('conflict', `The deal registration is ${status}; only a pending one can be decided.`);
      }
      return dealOf(db, workspaceId, params.id, now);
    },
  });
}

export const approveDeal = decide('approved');
export const rejectDeal = decide('rejected');

export const endpoints: Endpoint[] = [listDeals, getDeal, registerDeal, approveDeal, rejectDeal];
