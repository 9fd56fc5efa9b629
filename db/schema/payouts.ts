import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, numeric, jsonb, pgEnum, uniqueIndex, index, boolean } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { partners } from './partners';
import { users } from './auth';
import { ledgerEntries } from './ledger';
import { PAYOUT_STATUSES } from '../../lib/domain/payouts';

export const payoutStatus = pgEnum('payout_status', PAYOUT_STATUSES);

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
