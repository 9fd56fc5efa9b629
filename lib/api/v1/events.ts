import { z } from 'zod';
import { findEventDetail } from '../../../db/queries/events';
import { findApiEvent, findApiEventBySender, listApiEvents, type ApiEventRow } from '../../../db/queries/api/events';
import { idsIn, namesForIds } from '../../../db/queries/names';
import { AppError } from '../../errors';
import { explainEvent } from '../../explain/event';
import type { ExplainSection, JsonObject } from '../../explain/types';
import { ingestLiveEvent } from '../../server/rewards/ingest-live-event';
import { eventStatusSchema, eventTypeSchema, eventSourceSchema, entryKindSchema } from '../../validation/enums';
import { eventSchema } from '../../validation/events';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { idParams, isoTime } from './fields';

// Events over the REST API: read what was received and what it produced, and post orders, refunds
// and milestones with a key. Posting runs the very ingestion of the signed storefront endpoint
// (ingestLiveEvent, source 'api'), with its body schema (lib/validation/events.ts), so the two ways
// in cannot drift: the same body, the same rewards, the same idempotency on the event's own id.

const TAG = 'Events';
const ID = idParams('Our id of the event (`id` in its answers).');

// --- shared by the lists filtered by time (events here, ledger entries in ./ledger) -------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * `from`/`to` of a list: an ISO 8601 date-time with its offset, or a UTC day. `from` is inclusive and
 * `to` exclusive, except that a day given as `to` includes that whole day, as the console's
 * "until" does (so `from=2026-01-01&to=2026-01-31` is all of January).
 */
function timeBound(edge: 'from' | 'to') {
  return z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO 8601 date (2026-01-05) or date-time (2026-01-05T10:00:00Z)' })
    .transform((s) => (DAY.test(s) ? new Date(Date.parse(`${s}T00:00:00Z`) + (edge === 'to' ? DAY_MS : 0)) : new Date(s)))
    .optional();
}

export const timeRangeQuery = {
  from: timeBound('from').meta({ description: 'On or after this time (ISO 8601), or from the start of this UTC day.', example: '2026-01-01' }),
  to: timeBound('to').meta({ description: 'Before this time (ISO 8601), or until the end of this UTC day.', example: '2026-01-31' }),
};

/** A range that ends before it starts is refused naming `to`, rather than answered with nothing. */
export function checkTimeRange(q: { from?: Date; to?: Date }) {
  if (q.from && q.to && q.to.getTime() <= q.from.getTime()) throw new AppError('invalid_input', 'to: must be after from', { to: 'must be after from' });
}

/** An explanation in plain words, as the console's pages show it: titled sections of sentences. */
export const explanationSchema = z
  .array(z.object({ title: z.string(), lines: z.array(z.string()) }))
  .meta({ id: 'Explanation', description: 'Why, in plain words: the sections of sentences the console shows.' });

export function explanationOf(sections: readonly ExplainSection[]): z.input<typeof explanationSchema> {
  return sections.map((s) => ({ title: s.title, lines: s.lines.map((l) => l.text) }));
}

// --- the event object ------------------------------------------------------------------------------

const rewardSchema = z
  .object({
    entry_id: z.string().meta({ description: 'The ledger entry written (GET /ledger/entries/{id}).' }),
    partner_id: z.string(),
    program_id: z.string().nullable(),
    kind: entryKindSchema,
    rule: z.string().nullable().meta({ description: 'The reward rule type that computed it (a reversal carries the rule of the entry it reverses; null for a pool bonus).' }),
    amount: z.string().meta({ description: 'Decimal string, negative for a reversal.', example: '12.00' }),
    unit: z.string().meta({ example: 'USD' }),
  })
  .meta({ id: 'EventReward' });

const eventFields = {
  id: z.string().meta({ description: 'Our id of the stored event.' }),
  object: z.literal('event'),
  event_id: z.string().meta({ description: 'Your own id of the event, as sent; the key that makes posting it twice harmless.', example: 'order-1001' }),
  type: eventTypeSchema,
  source: eventSourceSchema.meta({ description: '`api` for events posted with a key or a storefront signature.' }),
  status: eventStatusSchema.meta({ description: '`processed` once its rewards are written.' }),
  occurred_at: isoTime('When it happened, as sent.'),
  received_at: isoTime('When we stored it.'),
  customer_external_id: z.string().nullable().meta({ description: "Your customer's id, for orders and milestones." }),
  order_id: z.string().nullable().meta({ description: 'For a refund: your id of the order refunded.' }),
  rewards: z.array(rewardSchema).meta({ description: 'The ledger entries the event wrote; empty when it earned nobody anything (the explanation says why).' }),
  refusal: z.string().nullable().meta({ description: 'Why a stored event was rejected. Events refused when posted (400, 422) are not stored at all.' }),
};

const eventObject = z.object(eventFields).meta({ id: 'Event' });
const eventDetail = z.object({ ...eventFields, explanation: explanationSchema }).meta({ id: 'EventDetail' });

function renderEvent(r: ApiEventRow): z.input<typeof eventObject> {
  return {
    id: r.id,
    object: 'event',
    event_id: r.senderId,
    type: r.type,
    source: r.source,
    status: r.status,
    occurred_at: r.occurredAt.toISOString(),
    received_at: r.receivedAt.toISOString(),
    customer_external_id: r.customerExternalId,
    order_id: r.type === 'refund' ? r.orderRef : null,
    // the stored first answer: every later read and every repeat of the event shows the same rewards
    rewards: (r.result?.entries ?? []).map((e) => ({
      entry_id: e.id, partner_id: e.partnerId, program_id: e.programId, kind: e.kind as z.infer<typeof entryKindSchema>, rule: e.rule, amount: e.amount, unit: e.unit,
    })),
    refusal: r.errorCode,
  };
}

/** The event page's explanation (lib/explain/event.ts), with the workspace's own names. */
async function explainStoredEvent(db: Parameters<typeof findEventDetail>[0], workspaceId: string, eventId: string) {
  const detail = await findEventDetail(db, workspaceId, eventId);
  if (!detail) return [];
  const { event, entries, credits, order, refunds } = detail;
  const ids = [...idsIn(entries.map((e) => e.explanation)), ...idsIn(event.accounts ?? []), ...credits.flatMap((c) => [c.partnerId, c.programId])];
  const { partnerNames, otherNames } = await namesForIds(db, workspaceId, ids);
  const entryNames = Object.fromEntries(entries.flatMap((e) => [[e.partnerId, e.partnerName], ...(e.programId && e.programName ? [[e.programId, e.programName]] : [])]));
  const sections = explainEvent(
    {
      type: event.type, senderId: event.senderId, occurredAt: event.occurredAt, status: event.status, errorCode: event.errorCode,
      data: (event.payload.data ?? {}) as unknown as JsonObject,
      customer: event.customerExternalId ? { externalId: event.customerExternalId, email: event.customerEmail } : null,
      entries: entries.map((e) => ({ ...e, explanation: e.explanation as JsonObject })),
      credits, order, refunds,
      programAccounts: (event.accounts ?? []).map((a) => ({ programId: a.programId, explanation: a.explanation as JsonObject })),
    },
    { names: { ...entryNames, ...partnerNames, ...otherNames } },
  );
  return explanationOf(sections);
}

// --- endpoints ---------------------------------------------------------------------------------------

export const listEvents = defineEndpoint({
  method: 'get',
  path: '/events',
  operationId: 'listEvents',
  summary: 'List events',
  description: 'Events received from every source (this API, storefronts, Stripe, Shopify), newest first by the time they occurred.',
  tag: TAG,
  access: 'read',
  query: z.object({
    ...pageQuery,
    type: eventTypeSchema.optional(),
    status: eventStatusSchema.optional(),
    event_id: z.string().max(200).optional().meta({ description: 'Only the event you sent with this id.' }),
    ...timeRangeQuery,
  }),
  response: listOf(eventObject, 'EventList'),
  handle: async ({ caller, db, query }) => {
    checkTimeRange(query);
    const rows = await listApiEvents(
      db,
      caller.scope.workspaceId,
      { type: query.type, status: query.status, senderId: query.event_id, from: query.from, to: query.to },
      { limit: query.limit, startingAfter: query.starting_after },
    );
    return pageOf(rows, query.limit, renderEvent);
  },
});

export const getEvent = defineEndpoint({
  method: 'get',
  path: '/events/{id}',
  operationId: 'getEvent',
  summary: 'Get an event',
  description: 'One event with the rewards it produced and, in plain words, why: which signals attributed it, what each program paid or refused.',
  tag: TAG,
  access: 'read',
  params: ID,
  response: eventDetail,
  handle: async ({ caller, db, params }) => {
    const row = await findApiEvent(db, caller.scope.workspaceId, params.id);
    if (!row) throw new AppError('not_found', 'No event with this id.');
    return { ...renderEvent(row), explanation: await explainStoredEvent(db, caller.scope.workspaceId, row.id) };
  },
});

export const postEvent = defineEndpoint({
  method: 'post',
  path: '/events',
  operationId: 'createEvent',
  summary: 'Post an order, refund or milestone',
  description:
    'Records the event and computes its rewards at once, exactly as the signed storefront endpoint does. Posting the same `id` again never pays twice: ' +
    'every repeat is answered with the first result. A refund names its order by your order id. ' +
    'The body keeps the storefront format (camelCase, shared with the signed endpoint, Stripe and Shopify adapters and the scenario runner). ' +
    'Storefronts may instead call this URL without a key: name the workspace in `X-Workspace` and sign the raw body with the events secret in ' +
    '`X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (Settings → API). A currency without an exchange rate is a 422 and stores nothing.',
  tag: TAG,
  access: 'write',
  body: eventSchema,
  response: eventObject,
  example: {
    id: 'order-1001',
    type: 'order',
    occurredAt: '2026-01-05T10:00:00Z',
    data: { customer: { externalId: 'cus_42', email: 'ana@example.com' }, currency: 'USD', coupons: ['ANA10'], lines: [{ product: 'Pro plan', amount: '120.00', recurring: true }] },
  },
  handle: async ({ caller, db, body }) => {
    const workspaceId = caller.scope.workspaceId;
    await ingestLiveEvent(db, workspaceId, body, { source: 'api' });
    // rendered from what was stored, so a repeat of the id reads back the first copy's answer
    const row = await findApiEventBySender(db, workspaceId, body.id);
    if (!row) throw new AppError('conflict', `Event ${body.id} is still being processed; retry shortly.`);
    return renderEvent(row);
  },
});

export const endpoints: Endpoint[] = [listEvents, getEvent, postEvent];
