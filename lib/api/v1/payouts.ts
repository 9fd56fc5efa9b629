import { z } from 'zod';
import type { Executor } from '../../../db/client';
import {
  batchUnitTotals, findApiBatch, findApiPayout, listApiBatches, listApiPayouts, type ApiBatchRow, type ApiPayoutRow,
} from '../../../db/queries/api/payouts';
import { BATCH_STATES } from '../../domain/payouts';
import { AppError } from '../../errors';
import { createPayoutBatchFromApi } from '../../server/rewards/payout-batch-api';
import { markPayoutFailed, markPayoutPaid } from '../../server/rewards/payout-settle';
import { payoutStatusSchema } from '../../validation/enums';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { idParams, isoTime, money } from './fields';

// Payout batches and payouts over the REST API, for paying from the merchant's own tooling: create
// a batch as the console does (preview, confirm, build), read its progress and totals, list its
// payouts, and record how each transfer went (paid with its reference, or failed: its entries
// become payable again). Settling goes through the console's services, which audit, queue the
// webhooks and email the partner in the same transaction.

const TAG = 'Payouts';
const BATCH_ID = idParams('The payout batch’s id.');
const PAYOUT_ID = idParams('The payout’s id.');

// --- batch --------------------------------------------------------------------------------------

const unitTotalSchema = z
  .object({
    unit: z.string().meta({ example: 'USD' }),
    payouts: z.number().int().meta({ description: 'How many payouts in this unit.' }),
    amount: money('Their sum.'),
    processing: money('Sum of the payouts not yet settled.'),
    paid: money('Sum of the payouts marked paid.'),
    failed: money('Sum of the payouts marked failed (their entries are payable again).'),
  })
  .meta({ id: 'PayoutBatchUnitTotal' });

const batchObject = z
  .object({
    id: z.string(),
    object: z.literal('payout_batch'),
    reference: z.string().meta({ description: 'Its name, unique in the workspace.', example: '2026-01' }),
    state: z.enum(BATCH_STATES).meta({ description: '`building` while its payouts are being written; `ready` once every partner has been considered.' }),
    partners_total: z.number().int().meta({ description: 'Partners with a payable balance when it was created.' }),
    partners_done: z.number().int().meta({ description: 'Partners considered so far (build progress).' }),
    unit: z.string().nullable().meta({ description: 'The one unit it pays, or null for every unit.' }),
    partner_ids: z.array(z.string()).nullable().meta({ description: 'The partners it was limited to, or null for all.' }),
    totals: z.array(unitTotalSchema).meta({ description: 'Per unit, what it pays and how much of it is settled.' }),
    created_at: isoTime('When it was created: entries payable at this time are what it pays.'),
  })
  .meta({ id: 'PayoutBatch' });

type BatchTotals = Awaited<ReturnType<typeof batchUnitTotals>>;

function renderBatch(b: ApiBatchRow, totals: BatchTotals): z.input<typeof batchObject> {
  return {
    id: b.id,
    object: 'payout_batch',
    reference: b.reference,
    state: b.state,
    partners_total: b.partnersTotal,
    partners_done: b.partnersDone,
    unit: b.filters.units?.[0] ?? null,
    partner_ids: b.filters.partnerIds ?? null,
    totals: totals.filter((t) => t.batchId === b.id).map(({ unit, payouts, amount, processing, paid, failed }) => ({ unit, payouts, amount, processing, paid, failed })),
    created_at: b.createdAt.toISOString(),
  };
}

async function batchAnswer(db: Executor, workspaceId: string, batchId: string) {
  const batch = await findApiBatch(db, workspaceId, batchId);
  if (!batch) throw new AppError('not_found', 'No payout batch with this id.');
  return renderBatch(batch, await batchUnitTotals(db, workspaceId, [batch.id]));
}

export const listPayoutBatches = defineEndpoint({
  method: 'get',
  path: '/payout-batches',
  operationId: 'listPayoutBatches',
  summary: 'List payout batches',
  description: 'Every batch, newest first, with its build progress and totals per unit.',
  tag: TAG,
  access: 'read',
  query: z.object({ ...pageQuery }),
  response: listOf(batchObject, 'PayoutBatchList'),
  handle: async ({ caller, db, query }) => {
    const { workspaceId } = caller.scope;
    const rows = await listApiBatches(db, workspaceId, { limit: query.limit, startingAfter: query.starting_after });
    const totals = await batchUnitTotals(db, workspaceId, rows.slice(0, query.limit).map((r) => r.id));
    return pageOf(rows, query.limit, (r) => renderBatch(r, totals));
  },
});

export const getPayoutBatch = defineEndpoint({
  method: 'get',
  path: '/payout-batches/{id}',
  operationId: 'getPayoutBatch',
  summary: 'Get a payout batch',
  description: 'Its state and build progress (poll this while `state` is `building`) and its totals per unit.',
  tag: TAG,
  access: 'read',
  params: BATCH_ID,
  response: batchObject,
  handle: async ({ caller, db, params }) => batchAnswer(db, caller.scope.workspaceId, params.id),
});

export const createPayoutBatch = defineEndpoint({
  method: 'post',
  path: '/payout-batches',
  operationId: 'createPayoutBatch',
  summary: 'Create a payout batch',
  description:
    'Pays every payable balance (per partner and unit, negatives included) that is positive and reaches its unit’s minimum, as the console’s ' +
    '“Preview batch” then “Confirm” does. Most batches are built before the answer and come back `ready`; a very large one comes back `building`: ' +
    'poll GET /payout-batches/{id} until it is `ready`, then list its payouts. 409 when the name is taken, another batch is still building, or the ' +
    'balances changed while it was being created (retry); 422 when there is nothing to pay.',
  tag: TAG,
  access: 'write',
  body: z
    .object({
      reference: z.string().trim().min(1, 'is required').max(100).meta({ description: 'Its name, unique in the workspace.', example: '2026-01' }),
      unit: z.string().trim().min(1).max(32).optional().meta({ description: 'Pay only this unit (a currency or custom unit); all units when absent.', example: 'USD' }),
      partner_ids: z.array(z.uuid()).min(1).max(1000).optional().meta({ description: 'Pay only these partners; all when absent.' }),
    })
    .meta({ id: 'PayoutBatchCreate' }),
  response: batchObject,
  status: 201,
  example: { reference: '2026-01', unit: 'USD' },
  handle: async ({ caller, db, body, now }) => {
    const { workspaceId } = caller.scope;
    const batchId = await createPayoutBatchFromApi(db, workspaceId, { reference: body.reference, unit: body.unit, partnerIds: body.partner_ids }, now);
    return batchAnswer(db, workspaceId, batchId);
  },
});

// --- payout ---------------------------------------------------------------------------------------

const payoutObject = z
  .object({
    id: z.string(),
    object: z.literal('payout'),
    batch_id: z.string(),
    partner_id: z.string(),
    amount: money('What the partner is paid.'),
    unit: z.string().meta({ example: 'USD' }),
    status: payoutStatusSchema.meta({ description: '`processing` until marked `paid` or `failed`.' }),
    reference: z.string().nullable().meta({ description: 'The transfer reference it was marked paid with.' }),
    paid_at: isoTime('When it was marked paid.').nullable(),
    failed_at: isoTime('When it was marked failed.').nullable(),
    failure_reason: z.string().nullable(),
    entries: z.number().int().meta({ description: 'How many ledger entries it pays (GET /ledger/entries lists them with their payout_id).' }),
    created_at: isoTime("Its batch's creation time."),
  })
  .meta({ id: 'Payout' });

function renderPayout(p: ApiPayoutRow): z.input<typeof payoutObject> {
  return {
    id: p.id,
    object: 'payout',
    batch_id: p.batchId,
    partner_id: p.partnerId,
    amount: p.amount,
    unit: p.unit,
    status: p.status,
    reference: p.reference,
    paid_at: p.paidAt?.toISOString() ?? null,
    failed_at: p.failedAt?.toISOString() ?? null,
    failure_reason: p.failureReason,
    entries: p.entries,
    created_at: p.batchCreatedAt.toISOString(),
  };
}

async function payoutAnswer(db: Executor, workspaceId: string, payoutId: string) {
  const row = await findApiPayout(db, workspaceId, payoutId);
  if (!row) throw new AppError('not_found', 'No payout with this id.');
  return renderPayout(row);
}

export const listPayouts = defineEndpoint({
  method: 'get',
  path: '/payouts',
  operationId: 'listPayouts',
  summary: 'List payouts',
  description: 'Payouts of every batch, newest batch first.',
  tag: TAG,
  access: 'read',
  query: z.object({
    ...pageQuery,
    batch_id: z.uuid().optional(),
    partner_id: z.uuid().optional(),
    status: payoutStatusSchema.optional(),
  }),
  response: listOf(payoutObject, 'PayoutList'),
  handle: async ({ caller, db, query }) => {
    const rows = await listApiPayouts(
      db,
      caller.scope.workspaceId,
      { batchId: query.batch_id, partnerId: query.partner_id, status: query.status },
      { limit: query.limit, startingAfter: query.starting_after },
    );
    return pageOf(rows, query.limit, renderPayout);
  },
});

export const getPayout = defineEndpoint({
  method: 'get',
  path: '/payouts/{id}',
  operationId: 'getPayout',
  summary: 'Get a payout',
  tag: TAG,
  access: 'read',
  params: PAYOUT_ID,
  response: payoutObject,
  handle: async ({ caller, db, params }) => payoutAnswer(db, caller.scope.workspaceId, params.id),
});

export const markPayoutPaidEndpoint = defineEndpoint({
  method: 'post',
  path: '/payouts/{id}/mark-paid',
  operationId: 'markPayoutPaid',
  summary: 'Mark a payout paid',
  description: 'Records the transfer with its reference; the partner is emailed and `payout.paid` is sent. 409 when it is not processing any more.',
  tag: TAG,
  access: 'write',
  params: PAYOUT_ID,
  body: z
    .object({ reference: z.string().trim().min(1, 'is required: the transfer reference').max(200).meta({ description: "Your bank's or provider's transfer reference.", example: 'TRF-2026-0131' }) })
    .meta({ id: 'PayoutMarkPaid' }),
  response: payoutObject,
  example: { reference: 'TRF-2026-0131' },
  handle: async ({ caller, db, params, body, now }) => {
    await markPayoutPaid(db, caller.scope.workspaceId, params.id, body.reference, now);
    return payoutAnswer(db, caller.scope.workspaceId, params.id);
  },
});

export const markPayoutFailedEndpoint = defineEndpoint({
  method: 'post',
  path: '/payouts/{id}/mark-failed',
  operationId: 'markPayoutFailed',
  summary: 'Mark a payout failed',
  description: 'The transfer did not go through: its entries are released and become payable again (for the next batch); the partner is told why. 409 when it is not processing any more.',
  tag: TAG,
  access: 'write',
  params: PAYOUT_ID,
  body: z
    .object({ reason: z.string().trim().min(1, 'is required: why the transfer failed').max(200).meta({ description: 'Why it failed, in words the partner will read.', example: 'The IBAN was rejected by the bank.' }) })
    .meta({ id: 'PayoutMarkFailed' }),
  response: payoutObject,
  example: { reason: 'The IBAN was rejected by the bank.' },
  handle: async ({ caller, db, params, body, now }) => {
    await markPayoutFailed(db, caller.scope.workspaceId, params.id, body.reason, now);
    return payoutAnswer(db, caller.scope.workspaceId, params.id);
  },
});

export const endpoints: Endpoint[] = [listPayoutBatches, getPayoutBatch, createPayoutBatch, listPayouts, getPayout, markPayoutPaidEndpoint, markPayoutFailedEndpoint];
