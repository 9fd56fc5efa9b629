import { z } from 'zod';
import type { Executor } from '../../../db/client';
import { findApiEntry, listApiEntries, type ApiEntryRow } from '../../../db/queries/api/ledger';
import { findEntry } from '../../../db/queries/ledger-list';
import { idsIn, namesForIds } from '../../../db/queries/names';
import { BALANCE_BUCKETS } from '../../domain/ledger';
import { AppError } from '../../errors';
import { explainEntry, type JsonObject } from '../../explain/entry';
import { entryKindSchema } from '../../validation/enums';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { checkTimeRange, explanationOf, explanationSchema, timeRangeQuery } from './events';
import { isoTime } from './fields';

// The ledger over the REST API, for pulling rewards into the merchant's books: the console ledger's
// filters (partner, program, kind, status, unit, recorded from/to) and the same §5 status, read at
// the moment of the request. Entries never change; corrections are new entries (reversal, clawback).

const TAG = 'Ledger';

const balanceBucketSchema = z.enum(BALANCE_BUCKETS);

const entryFields = {
  id: z.string(),
  object: z.literal('ledger_entry'),
  kind: entryKindSchema.meta({ description: '`commission` (an order or milestone), `bonus` (a pool), `reversal` (a refund), `clawback`.' }),
  amount: z.string().meta({ description: 'Decimal string; negative for reversals and clawbacks.', example: '12.00' }),
  unit: z.string().meta({ description: 'A currency code or a custom unit.', example: 'USD' }),
  status: balanceBucketSchema.meta({ description: 'Where the entry stands now: `pending` (on hold), `payable`, `processing` (in a payout) or `paid`.' }),
  partner_id: z.string(),
  program_id: z.string().nullable().meta({ description: 'null for a pool bonus.' }),
  pool_id: z.string().nullable().meta({ description: 'The pool of a bonus.' }),
  pool_period: z.string().nullable().meta({ example: '2026-01' }),
  rule: z.string().nullable().meta({ description: 'The reward rule type that computed it (a reversal or clawback carries the rule of the entry it corrects; null for a pool bonus).' }),
  rule_name: z.string().nullable().meta({ description: "A milestone's name." }),
  event_id: z.string().nullable().meta({ description: 'Our id of the event that wrote it (GET /events/{id}).' }),
  customer_id: z.string().nullable(),
  order_id: z.string().nullable().meta({ description: 'Your id of the order (for a reversal: the order refunded).' }),
  reverses_entry_id: z.string().nullable(),
  payout_id: z.string().nullable().meta({ description: 'The processing or paid payout holding it.' }),
  created_at: isoTime('When it was recorded.'),
  payable_at: isoTime('When its hold ends and it becomes payable.'),
};

const entryObject = z.object(entryFields).meta({ id: 'LedgerEntry' });
const entryDetail = z.object({ ...entryFields, explanation: explanationSchema }).meta({ id: 'LedgerEntryDetail' });

function renderEntry(r: ApiEntryRow): z.input<typeof entryObject> {
  return {
    id: r.id,
    object: 'ledger_entry',
    kind: r.kind,
    amount: r.amount,
    unit: r.unit,
    status: r.status,
    partner_id: r.partnerId,
    program_id: r.programId,
    pool_id: r.poolId,
    pool_period: r.poolPeriod,
    rule: r.rule,
    rule_name: r.ruleName || null,
    event_id: r.eventId,
    customer_id: r.customerId,
    order_id: r.orderRef,
    reverses_entry_id: r.reversesEntryId,
    payout_id: r.payoutId,
    created_at: r.createdAt.toISOString(),
    payable_at: r.payableAt.toISOString(),
  };
}

/** The entry page's explanation (lib/explain/entry.ts), naming the workspace's own partners and programs. */
async function explainStoredEntry(db: Executor, workspaceId: string, entryId: string) {
  const entry = await findEntry(db, { workspaceId }, entryId);
  if (!entry) return [];
  const { partnerNames, otherNames } = await namesForIds(db, workspaceId, idsIn(entry.explanation));
  const poolName = entry.poolId && entry.poolName ? { [entry.poolId]: entry.poolName } : {};
  const names = { ...partnerNames, ...otherNames, ...poolName };
  return explanationOf(explainEntry(entry.explanation as unknown as JsonObject, { names, unit: entry.unit }, entry.partnerId));
}

export const listLedgerEntries = defineEndpoint({
  method: 'get',
  path: '/ledger/entries',
  operationId: 'listLedgerEntries',
  summary: 'List ledger entries',
  description: 'Every reward and correction, newest first by the time it was recorded, filtered like the console ledger. `status` is read at the moment of the request.',
  tag: TAG,
  access: 'read',
  query: z.object({
    ...pageQuery,
    partner_id: z.uuid().optional(),
    program_id: z.uuid().optional(),
    kind: entryKindSchema.optional(),
    status: balanceBucketSchema.optional(),
    unit: z.string().trim().min(1).max(32).optional().meta({ example: 'USD' }),
    ...timeRangeQuery,
  }),
  response: listOf(entryObject, 'LedgerEntryList'),
  handle: async ({ caller, db, query, now }) => {
    checkTimeRange(query);
    const rows = await listApiEntries(
      db,
      caller.scope.workspaceId,
      { partnerId: query.partner_id, programId: query.program_id, kind: query.kind, status: query.status, unit: query.unit, from: query.from, to: query.to, now },
      { limit: query.limit, startingAfter: query.starting_after },
    );
    return pageOf(rows, query.limit, renderEntry);
  },
});

export const getLedgerEntry = defineEndpoint({
  method: 'get',
  path: '/ledger/entries/{id}',
  operationId: 'getLedgerEntry',
  summary: 'Get a ledger entry',
  description: 'One entry with why it has its amount, in the words of the console: the event, the attribution, the rule and the numbers.',
  tag: TAG,
  access: 'read',
  params: z.object({ id: z.uuid() }),
  response: entryDetail,
  handle: async ({ caller, db, params, now }) => {
    const row = await findApiEntry(db, caller.scope.workspaceId, params.id, now);
    if (!row) throw new AppError('not_found', 'No ledger entry with this id.');
    return { ...renderEntry(row), explanation: await explainStoredEntry(db, caller.scope.workspaceId, row.id) };
  },
});

export const endpoints: Endpoint[] = [listLedgerEntries, getLedgerEntry];
