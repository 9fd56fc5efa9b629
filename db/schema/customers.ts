import { pgTable, text, timestamp, uuid, numeric, pgEnum, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { partners } from './partners';
import { programs } from './programs';
import { BINDING_SOURCES } from '../../lib/domain/bindings';
import { recordedSeq } from './columns';

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_workspace_external_uq').on(t.workspaceId, t.externalId),
    // deal registrations match by email and email domain; console customer search
    index('customers_workspace_email_idx').on(t.workspaceId, t.email),
    // the REST API's newest-first pages
    index('customers_workspace_time_id_idx').on(t.workspaceId, t.createdAt, t.id),
  ],
);

// Every visitor id ever seen with a customer: their clicks are the customer's touches.
export const customerVisitors = pgTable(
  'customer_visitors',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('customer_visitors_uq').on(t.workspaceId, t.customerId, t.visitorId),
    // "which customer is this visitor" when a click arrives after the customer is known
    index('customer_visitors_visitor_idx').on(t.workspaceId, t.visitorId),
  ],
);

export const bindingSource = pgEnum('binding_source', BINDING_SOURCES);

// A customer bound to a program: later events reuse these shares and never re-attribute.
export const bindings = pgTable(
  'bindings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull(),
    source: bindingSource('source').notNull(),
    // required for manual bindings: the merchant's words, repeated in later rewards' explanations
    reason: text('reason'),
  },
  (t) => [
    // one binding per customer and program, even under concurrent events
    uniqueIndex('bindings_customer_program_uq').on(t.customerId, t.programId),
    // pool metric "customers newly bound in the period"
    index('bindings_workspace_program_time_idx').on(t.workspaceId, t.programId, t.boundAt),
    // overview: new customers per week (first binding in any program)
    index('bindings_workspace_time_idx').on(t.workspaceId, t.boundAt),
  ],
);

export const bindingShares = pgTable(
  'binding_shares',
  {
    bindingId: uuid('binding_id').notNull().references(() => bindings.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    // an exact fraction as the engine writes it ("0.4", "1/3"); the shares of a binding sum to 1
    share: text('share').notNull(),
    // tie-break for largest-remainder splits: the partner whose first touch came first
    firstTouchAt: timestamp('first_touch_at', { withTimezone: true }).notNull(),
    touchOrder: numeric('touch_order').notNull().default('0'),
  },
  (t) => [
    uniqueIndex('binding_shares_uq').on(t.bindingId, t.partnerId),
    // partner portal "my customers"
    index('binding_shares_partner_idx').on(t.workspaceId, t.partnerId),
  ],
);
