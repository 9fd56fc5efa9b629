import 'server-only';
import { z } from 'zod';
import type { Executor } from '../../../db/client';
import { findApiPartner, listApiPartners, type ApiPartnerRow } from '../../../db/queries/api/partners';
import { AppError } from '../../errors';
import { createPartnerRecord, updatePartnerRecord } from '../../server/partner-admin';
import { emailSchema } from '../../validation/accounts';
import { enrollmentStatusSchema } from '../../validation/enums';
import { partnerProfileFormSchema } from '../../validation/partner-profile';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { idParams } from './fields';

// Partners over the REST API: a merchant's CRM adds partners (a record without an account, which
// the person claims by joining with the same email), reads them with their enrollments, and
// corrects their profile. Names, company, website and tax country are checked by the very schema
// the partner's own profile form uses.

const ID = idParams('The partner’s id.');

const profile = partnerProfileFormSchema.shape;
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
/** An optional profile field: null or "" means none (and clears it in an update); absent keeps it. */
const clearable = <S extends z.ZodType>(field: S) => z.preprocess(blankToNull, field.nullable()).optional();

const NAME = { description: 'The partner’s name as the merchant’s console and emails show it.', example: 'Ada Lovelace' };
const COMPANY = { description: 'The partner’s company, if any.', example: 'Analytical Agency' };
const WEBSITE = { description: 'A public https:// address; a bare host gets https:// in front.', example: 'https://agency.example' };
const TAX_COUNTRY = { description: 'ISO 3166-1 alpha-2 country code for the merchant’s tax paperwork.', example: 'GB' };

const partnerEnrollmentSchema = z
  .object({
    id: z.uuid().meta({ description: 'The enrollment’s id (see /enrollments).' }),
    program_id: z.uuid(),
    program_name: z.string(),
    status: enrollmentStatusSchema,
  })
  .meta({ id: 'PartnerEnrollment' });

const partnerSchema = z
  .object({
    id: z.uuid(),
    object: z.literal('partner'),
    email: z.string().meta({ description: 'Lower-cased; unique in the workspace. Fixed once created: the person’s account claims the record by it.', example: 'ada@agency.example' }),
    name: z.string().meta(NAME),
    company: z.string().nullable().meta(COMPANY),
    website: z.string().nullable().meta(WEBSITE),
    tax_country: z.string().nullable().meta(TAX_COUNTRY),
    has_account: z.boolean().meta({ description: 'Whether a person has signed up and claimed this record.' }),
    created_at: z.iso.datetime(),
    enrollments: z.array(partnerEnrollmentSchema).meta({ description: 'Every program the partner applied to or was enrolled in, oldest first.' }),
  })
  .meta({ id: 'Partner' });

function renderPartner(row: ApiPartnerRow): z.input<typeof partnerSchema> {
  return {
    id: row.id,
    object: 'partner',
    email: row.email,
    name: row.name,
    company: row.company,
    website: row.website,
    tax_country: row.taxCountry,
    has_account: row.hasAccount,
    created_at: row.createdAt.toISOString(),
    enrollments: row.enrollments.map((e) => ({ id: e.id, program_id: e.programId, program_name: e.programName, status: e.status })),
  };
}

async function partnerOr404(db: Executor, workspaceId: string, id: string) {
  const row = await findApiPartner(db, workspaceId, id);
  if (!row) throw new AppError('not_found', 'Partner not found.');
  return renderPartner(row);
}

export const listPartners = defineEndpoint({
  method: 'get',
  path: '/partners',
  operationId: 'listPartners',
  summary: 'List partners',
  description: 'Newest first. `program_id` and `status` keep partners with an enrollment matching both.',
  tag: 'Partners',
  access: 'read',
  query: z.object({
    ...pageQuery,
    email: emailSchema.optional().meta({ description: 'Only the partner with this email (case does not matter).' }),
    program_id: z.uuid().optional().meta({ description: 'Only partners enrolled in (or applying to) this program.' }),
    status: enrollmentStatusSchema.optional().meta({ description: 'Only partners with an enrollment in this status.' }),
  }),
  response: listOf(partnerSchema, 'PartnerList'),
  handle: async ({ caller, db, query }) => {
    const rows = await listApiPartners(db, caller.scope.workspaceId, {
      limit: query.limit, startingAfter: query.starting_after, email: query.email, programId: query.program_id, status: query.status,
    });
    return pageOf(rows, query.limit, renderPartner);
  },
});

export const getPartner = defineEndpoint({
  method: 'get',
  path: '/partners/{id}',
  operationId: 'getPartner',
  summary: 'Get a partner',
  description: 'The partner’s profile and a summary of its enrollments.',
  tag: 'Partners',
  access: 'read',
  params: ID,
  response: partnerSchema,
  handle: async ({ caller, db, params }) => partnerOr404(db, caller.scope.workspaceId, params.id),
});

export const createPartner = defineEndpoint({
  method: 'post',
  path: '/partners',
  operationId: 'createPartner',
  summary: 'Create a partner',
  description:
    'Adds a partner record without an account. When the person later signs up on a program’s join page with this email, ' +
    'the account claims this record. An email the workspace already has is a 409 naming `email`.',
  tag: 'Partners',
  access: 'write',
  body: z
    .object({
      email: emailSchema.meta({ description: 'The partner’s email; unique in the workspace.', example: 'ada@agency.example' }),
      name: profile.name.meta(NAME),
      company: clearable(profile.company).meta(COMPANY),
      website: clearable(profile.website).meta(WEBSITE),
      tax_country: clearable(profile.taxCountry).meta(TAX_COUNTRY),
    })
    .meta({ id: 'PartnerCreate' }),
  response: partnerSchema,
  status: 201,
  example: { email: 'ada@agency.example', name: 'Ada Lovelace', company: 'Analytical Agency', website: 'https://agency.example', tax_country: 'GB' },
  handle: async ({ caller, db, body, now }) => {
    const { id } = await createPartnerRecord(db, caller.scope, {
      email: body.email, name: body.name, company: body.company ?? null, website: body.website ?? null, taxCountry: body.tax_country ?? null,
    }, now);
    return partnerOr404(db, caller.scope.workspaceId, id);
  },
});

export const updatePartner = defineEndpoint({
  method: 'post',
  path: '/partners/{id}',
  operationId: 'updatePartner',
  summary: 'Update a partner',
  description: 'Changes the fields given; a field left out keeps its value, and null (or "") clears company, website or tax country. The email cannot change.',
  tag: 'Partners',
  access: 'write',
  params: ID,
  body: z
    .object({
      name: profile.name.optional().meta(NAME),
      company: clearable(profile.company).meta(COMPANY),
      website: clearable(profile.website).meta(WEBSITE),
      tax_country: clearable(profile.taxCountry).meta(TAX_COUNTRY),
    })
    .meta({ id: 'PartnerUpdate' }),
  response: partnerSchema,
  example: { company: 'Analytical Engines Ltd', tax_country: null },
  handle: async ({ caller, db, params, body, now }) => {
    await updatePartnerRecord(db, caller.scope, params.id, { name: body.name, company: body.company, website: body.website, taxCountry: body.tax_country }, now);
    return partnerOr404(db, caller.scope.workspaceId, params.id);
  },
});

export const endpoints: Endpoint[] = [listPartners, getPartner, createPartner, updatePartner];
