import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, numeric, jsonb, pgEnum, uniqueIndex, index, boolean, integer } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { partners } from './partners';
import { users } from './auth';
import { ledgerEntries } from './ledger';
import { BATCH_STATES, PAYOUT_METHODS, PAYOUT_STATUSES } from '../../lib/domain/payouts';

export const payoutStatus = pgEnum('payout_status', PAYOUT_STATUSES);
export const payoutMethod = pgEnum('payout_method', PAYOUT_METHODS);
export const batchState = pgEnum('batch_state', BATCH_STATES);

export const payoutBatches = pgTable(
  'payout_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    // a caller-chosen key (e.g. "2026-01" or a scenario's batch name): creating it twice is a no-op
    reference: text('reference').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    // limits the batch to some partners or units; empty = all
    filters: jsonb('filters').$type<{ partnerIds?: string[]; units?: string[] }>().notNull().default({}),
    // `building` until every partner with a payable balance has been considered (chunked build)
    state: batchState('state').notNull().default('ready'),
    // progress of the build: partners considered so far out of those with unpaid entries at creation
    partnersTotal: integer('partners_total').notNull().default(0),
    partnersDone: integer('partners_done').notNull().default(0),
    // the last partner id the build has finished (keyset cursor; partners are built in id order)
    buildCursor: uuid('build_cursor'),
  },
  (t) => [
    uniqueIndex('payout_batches_workspace_reference_uq').on(t.workspaceId, t.reference),
    // console batch list, newest first
    index('payout_batches_workspace_time_idx').on(t.workspaceId, t.createdAt),
  ],
);

export const payouts = pgTable(
  'payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    batchId: uuid('batch_id').notNull().references(() => payoutBatches.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'restrict' }),
    unit: text('unit').notNull(),
    amount: numeric('amount').notNull(),
    status: payoutStatus('status').notNull().default('processing'),
    reference: text('reference'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    failureReason: text('failure_reason'),
  },
  (t) => [
    uniqueIndex('payouts_batch_partner_unit_uq').on(t.batchId, t.partnerId, t.unit),
    // finance overview filtered by status; partner portal payout history
    index('payouts_workspace_status_idx').on(t.workspaceId, t.status),
    index('payouts_workspace_partner_idx').on(t.workspaceId, t.partnerId),
  ],
);

// Which entries a payout holds. A failed payout marks its items released, which puts the
// entries back into the payable balance; an entry can be held by one live payout only.
export const payoutItems = pgTable(
  'payout_items',
  {
    payoutId: uuid('payout_id').notNull().references(() => payouts.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id').notNull().references(() => ledgerEntries.id, { onDelete: 'restrict' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    released: boolean('released').notNull().default(false),
  },
  (t) => [
    uniqueIndex('payout_items_payout_entry_uq').on(t.payoutId, t.entryId),
    // a payout never includes an entry twice, and no entry sits in two live payouts
    uniqueIndex('payout_items_live_entry_uq').on(t.entryId).where(sql`released = false`),
  ],
);

// Where a partner wants its money, per workspace. The details (PayPal email, IBAN and BIC, …) are
// encrypted like the signing secrets; `masked` is the safe summary the console shows.
export const payoutDetails = pgTable(
  'payout_details',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    method: payoutMethod('method').notNull(),
    detailsEncrypted: text('details_encrypted').notNull(),
    masked: text('masked').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('payout_details_workspace_partner_uq').on(t.workspaceId, t.partnerId)],
);
