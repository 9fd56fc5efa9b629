import { pgTable, text, timestamp, uuid, jsonb, uniqueIndex, index, integer, primaryKey } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { recordedSeq } from './columns';
import type { HeldStripeInstruction } from '../../lib/integrations/stripe-types';

/**
 * Which of our orders a Stripe id belongs to: payment intents and charges (so a refund finds the
 * order it reverses even though a charge no longer names its invoice since API 2025-03-31), the
 * invoice and Checkout Session themselves, and a subscription (mapped to its first order, which
 * its renewals wait for). Fed by the orders' own payloads and by `invoice_payment.paid`, which may
 * arrive before or after the order: a row says nothing about whether the order is processed yet,
 * the events table does.
 */
export const stripeOrderRefs = pgTable(
  'stripe_order_refs',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    stripeId: text('stripe_id').notNull(),
    // the sender id of the order (events.sender_id)
    orderRef: text('order_ref').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // a refund's lookup, by the Stripe ids its charge names; the first mapping of an id wins
    primaryKey({ name: 'stripe_order_refs_pk', columns: [t.workspaceId, t.stripeId] }),
    // an order's ids, to release what waits for any of them once it is processed
    index('stripe_order_refs_order_idx').on(t.workspaceId, t.orderRef),
  ],
);

/**
 * Stripe events answered 200 but not decided yet, because what they depend on has not arrived
 * (see StripeOrderAwaits and the refund rule in lib/server/stripe/holds.ts). A row is deleted in
 * the transaction that processes its event, so an event is either here or in `events`, never
 * lost and never both.
 */
export const stripeHeldEvents = pgTable(
  'stripe_held_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    // the sender id the event will have in `events`: Stripe's retries of it hold one row
    senderId: text('sender_id').notNull(),
    kind: text('kind').$type<HeldStripeInstruction['kind']>().notNull(),
    instruction: jsonb('instruction').$type<HeldStripeInstruction>().notNull(),
    // the Stripe ids whose arrival may make it decidable (invoice, subscription, payment ids)
    waitsFor: text('waits_for').array().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull().defaultNow(),
    // when the release job looks at it: an order's grace period ends, or a failed release is retried;
    // null for a refund that waits for its order however long that takes
    releaseAfter: timestamp('release_after', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('stripe_held_events_workspace_sender_uq').on(t.workspaceId, t.senderId),
    index('stripe_held_events_waits_for_idx').using('gin', t.waitsFor),
    // the release job's due rows, across workspaces
    index('stripe_held_events_due_idx').on(t.releaseAfter),
  ],
);
