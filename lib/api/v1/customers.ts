import { z } from 'zod';
import { bindingsOfCustomers, findApiCustomer, listApiCustomers, type ApiBinding, type ApiCustomerRow } from '../../../db/queries/api/customers';
import type { Executor } from '../../../db/client';
import { AppError } from '../../errors';
import { withApiFieldNames } from '../field-names';
import { bindCustomerFromConsole } from '../../server/rewards/manual-binding';
import { manualBindingSchema } from '../../validation/bindings';
import { bindingSourceSchema } from '../../validation/enums';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { idParams } from './fields';

// Customers over the REST API: who they are (the merchant's own data, emails whole), and for each
// program whom they count for, since when and why. Manual attribution goes through the console's
// service (bindCustomerFromConsole) with the console form's rules (manualBindingSchema): the
// partner must be approved in the program, a reason is required, and the override is audited
// with the shares it replaced.

const TAG = 'Customers';
const ID = idParams('The customer’s id (ours, not your external id).');

const bindingSchema = z
  .object({
    program_id: z.string(),
    bound_at: z.string().meta({ description: 'Since when the customer counts for these partners in this program (ISO 8601, UTC).', example: '2026-01-05T10:00:00.000Z' }),
    source: bindingSourceSchema.meta({ description: '`attribution` when the program’s model decided, `manual` when the merchant assigned the customer.' }),
    reason: z.string().nullable().meta({ description: 'The merchant’s reason for a manual assignment.' }),
    partners: z
      .array(
        z.object({
          partner_id: z.string(),
          share: z.string().meta({ description: 'The partner’s share of the credit as an exact fraction; the shares of a binding sum to 1.', example: '1' }),
        }),
      )
      .meta({ description: 'Whom the customer counts for, in first-touch order.' }),
  })
  .meta({ id: 'CustomerBinding' });

export const customerSchema = z
  .object({
    id: z.string().meta({ description: 'Our id of the customer.' }),
    object: z.literal('customer'),
    external_id: z.string().meta({ description: 'Your id of the customer, as your events send it.', example: 'cus_1001' }),
    email: z.string().nullable().meta({ description: 'The latest email your events sent for the customer.', example: 'jane@acme.com' }),
    created_at: z.string().meta({ description: 'When the customer was first seen (ISO 8601, UTC).', example: '2026-01-05T10:00:00.000Z' }),
    bindings: z.array(bindingSchema).meta({ description: 'One per program the customer is bound in, oldest first.' }),
  })
  .meta({ id: 'Customer' });

function customerObject(row: ApiCustomerRow, bindings: readonly ApiBinding[]): z.input<typeof customerSchema> {
  return {
    id: row.id,
    object: 'customer',
    external_id: row.externalId,
    email: row.email,
    created_at: row.createdAt.toISOString(),
    bindings: bindings.map((b) => ({
      program_id: b.programId,
      bound_at: b.boundAt.toISOString(),
      source: b.source,
      reason: b.reason,
      partners: b.shares.map((s) => ({ partner_id: s.partnerId, share: s.share })),
    })),
  };
}

async function customerOf(db: Executor, workspaceId: string, customerId: string) {
  const row = await findApiCustomer(db, workspaceId, customerId);
  if (!row) throw new AppError('not_found', 'No such customer.');
  const bindings = await bindingsOfCustomers(db, workspaceId, [row.id]);
  return customerObject(row, bindings.get(row.id) ?? []);
}

export const listCustomers = defineEndpoint({
  method: 'get',
  path: '/customers',
  operationId: 'listCustomers',
  summary: 'List customers',
  description: 'The workspace’s customers with their bindings, newest first.',
  tag: TAG,
  access: 'read',
  query: z.object({
    ...pageQuery,
    email: z.string().trim().toLowerCase().email('must be a valid email address').optional().meta({ description: 'Only the customer with this email (any case).', example: 'jane@acme.com' }),
    partner_id: z.uuid().optional().meta({ description: 'Only customers who count for this partner (in `program_id` when given).' }),
    program_id: z.uuid().optional().meta({ description: 'Only customers bound in this program.' }),
  }),
  response: listOf(customerSchema, 'CustomerList'),
  handle: async ({ caller, db, query }) => {
    const workspaceId = caller.scope.workspaceId;
    const rows = await listApiCustomers(db, workspaceId, {
      email: query.email, partnerId: query.partner_id, programId: query.program_id, limit: query.limit, startingAfter: query.starting_after,
    });
    const bindings = await bindingsOfCustomers(db, workspaceId, rows.slice(0, query.limit).map((r) => r.id));
    return pageOf(rows, query.limit, (r) => customerObject(r, bindings.get(r.id) ?? []));
  },
});

export const getCustomer = defineEndpoint({
  method: 'get',
  path: '/customers/{id}',
  operationId: 'getCustomer',
  summary: 'Get a customer',
  description: 'One customer with its bindings: which partners it counts for in which program, since when, and whether the model or the merchant decided.',
  tag: TAG,
  access: 'read',
  params: ID,
  response: customerSchema,
  handle: ({ caller, db, params }) => customerOf(db, caller.scope.workspaceId, params.id),
});

// the console form's own field schemas, under the API's snake_case names (the customer is the path's)
const form = manualBindingSchema.shape;
const attributionBody = z.object({
  program_id: form.programId.meta({ description: 'The program to bind the customer in.' }),
  partner_id: form.partnerId.meta({ description: 'The partner the customer counts for from now on, with the whole credit; approved in the program.' }),
  reason: form.reason.meta({
    description: 'Why (required, up to 500 characters): later rewards repeat it in their explanation.',
    example: 'Introduced at the March trade show; confirmed by the customer.',
  }),
});

export const attributeCustomer = defineEndpoint({
  method: 'post',
  path: '/customers/{id}/attribution',
  operationId: 'attributeCustomer',
  summary: 'Assign a customer to a partner',
  description:
    'Manual attribution: the customer counts for this partner alone in the program from now on, replacing its binding there. Later events reuse the binding; past rewards are not changed. Audited with the binding it replaced.',
  tag: TAG,
  access: 'write',
  params: ID,
  body: attributionBody,
  response: customerSchema,
  example: { program_id: '6f1c2d3e-0000-4000-8000-000000000002', partner_id: '6f1c2d3e-0000-4000-8000-000000000001', reason: 'Introduced at the March trade show.' },
  handle: async ({ caller, db, params, body, now }) => {
    await withApiFieldNames(() =>
      bindCustomerFromConsole(db, caller.scope, { customerId: params.id, programId: body.program_id, partnerId: body.partner_id, reason: body.reason }, now),
    );
    return customerOf(db, caller.scope.workspaceId, params.id);
  },
});

export const endpoints: Endpoint[] = [listCustomers, getCustomer, attributeCustomer];
