import { z } from 'zod';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { AppError } from '../../errors';
import { partnerCategorySchema, programStatusSchema } from '../../validation/enums';
import { findProgramWithGroup, listProgramsPage } from '../../../db/queries/api/programs';
import { changeProgram, createProgramWithTerms } from '../../server/program-terms';
import { createProgramBody, programSchema, renderProgram, termsOfCreate, termsOfUpdate, updateProgramBody } from './programs-schemas';
import { endpoints as groups } from './groups';
import { endpoints as pools } from './pools';
import { idParams } from './fields';

const ID = idParams('The program id.');
const tag = 'Programs';

async function readProgram(db: Parameters<typeof findProgramWithGroup>[0], workspaceId: string, id: string) {
  const row = await findProgramWithGroup(db, workspaceId, id);
  if (!row) throw new AppError('not_found', 'Program not found.');
  return renderProgram(row);
}

export const listPrograms = defineEndpoint({
  method: 'get',
  path: '/programs',
  operationId: 'listPrograms',
  summary: 'List programs',
  description: 'Newest first, with every term, the reward rules and scope, and the group each program is a tier of.',
  tag,
  access: 'read',
  query: z.object({
    ...pageQuery,
    status: programStatusSchema.optional().meta({ description: 'Only active or only archived programs.' }),
    unit: z.string().trim().min(1).max(32).optional().meta({ description: 'Only programs paying in this unit (currency codes in upper case).', example: 'USD' }),
    category: partnerCategorySchema.optional().meta({ description: 'Only programs for this kind of partner.' }),
  }),
  response: listOf(programSchema, 'ProgramList'),
  handle: async ({ caller, db, query }) => {
    const rows = await listProgramsPage(db, caller.scope.workspaceId, query, query.limit, query.starting_after);
    return pageOf(rows.map((r) => ({ ...r, id: r.program.id })), query.limit, renderProgram);
  },
});

export const getProgram = defineEndpoint({
  method: 'get',
  path: '/programs/{id}',
  operationId: 'getProgram',
  summary: 'Retrieve a program',
  tag,
  access: 'read',
  params: ID,
  response: programSchema,
  handle: async ({ caller, db, params }) => readProgram(db, caller.scope.workspaceId, params.id),
});

export const createProgram = defineEndpoint({
  method: 'post',
  path: '/programs',
  operationId: 'createProgram',
  summary: 'Create a program',
  description:
    'Creates an active program with its rules and scope as version 1 of its terms, exactly as the console stores them. ' +
    'Refused with 400: a unit that is neither a custom unit nor a currency with an FX rate in force, an amount with more decimals than the unit has, a percentage over 100, a milestone paid twice.',
  tag,
  access: 'write',
  body: createProgramBody,
  response: programSchema,
  status: 201,
  example: {
    name: 'SaaS referrals', category: 'referral', unit: 'USD', model: 'last_touch', window_days: 60, coupon_precedence: 'override', hold_days: 0,
    approval_mode: 'manual', scope: { include: { categories: ['subscription'] } },
    rules: [{ type: 'per_customer', amount: '50.00' }, { type: 'recurring_share', percent: '20', durationMonths: 3 }],
  },
  handle: async ({ caller, db, body }) => {
    const { id } = await createProgramWithTerms(db, caller.scope, termsOfCreate(body));
    return readProgram(db, caller.scope.workspaceId, id);
  },
});

export const updateProgram = defineEndpoint({
  method: 'post',
  path: '/programs/{id}',
  operationId: 'updateProgram',
  summary: 'Update a program',
  description:
    'Changes the terms you send (the others stay) and the status. A change of terms is the next version: events received afterwards use it, entries already written keep theirs. ' +
    'Sending the same terms again changes nothing. Send `version` to be refused (409) rather than overwrite a change made since you read the program.',
  tag,
  access: 'write',
  params: ID,
  body: updateProgramBody,
  response: programSchema,
  example: { window_days: 90, rules: [{ type: 'one_time_share', percent: '15' }], version: 1 },
  handle: async ({ caller, db, params, body }) => {
    await changeProgram(db, caller.scope, params.id, { terms: termsOfUpdate(body), status: body.status, expectedVersion: body.version });
    return readProgram(db, caller.scope.workspaceId, params.id);
  },
});

export const endpoints: Endpoint[] = [listPrograms, getProgram, createProgram, updateProgram, ...groups, ...pools];
