import { pgTable, text, timestamp, uuid, jsonb, pgEnum, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { customers } from './customers';
import { EVENT_SOURCES, EVENT_STATUSES, EVENT_TYPES, type EventProgramAccount, type EventResult } from '../../lib/domain/events';
import type { StoredEvent } from '../../lib/validation/events';
import { recordedSeq } from './columns';

export const eventType = pgEnum('event_type', EVENT_TYPES);
export const eventStatus = pgEnum('event_status', EVENT_STATUSES);
export const eventSource = pgEnum('event_source', EVENT_SOURCES);

// The raw payload is stored before anything is computed from it.
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    // the sender's event id: the idempotency key
    senderId: text('sender_id').notNull(),
    type: eventType('type').notNull(),
    source: eventSource('source').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    payload: jsonb('payload').$type<StoredEvent>().notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    // for refunds: the sender id of the order refunded
    orderRef: text('order_ref'),
    status: eventStatus('status').notNull().default('received'),
    // the first response, returned verbatim to every repeat of this event
    result: jsonb('result').$type<EventResult>(),
    // per program, the engine's attribution account (signals counted and refused, model, shares),
    // kept even where nothing was paid so the event page can explain every program it touched
    accounts: jsonb('accounts').$type<EventProgramAccount[]>(),
    errorCode: text('error_code'),
  },
  (t) => [
    uniqueIndex('events_workspace_sender_uq').on(t.workspaceId, t.senderId),
    // console events list filtered by type and status, newest first
    index('events_workspace_type_time_idx').on(t.workspaceId, t.type, t.occurredAt),
    index('events_workspace_status_idx').on(t.workspaceId, t.status),
    // the REST API's newest-first pages
    index('events_workspace_time_id_idx').on(t.workspaceId, t.occurredAt, t.id),
    // refunds of an order
    index('events_workspace_order_ref_idx').on(t.workspaceId, t.orderRef),
  ],
);
