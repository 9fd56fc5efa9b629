import { pgTable, text, timestamp, uuid, integer, numeric, pgEnum, uniqueIndex, index, boolean } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { MEMBER_ROLES } from '../../lib/domain/roles';

export const memberRole = pgEnum('member_role', MEMBER_ROLES);

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  baseCurrency: text('base_currency').notNull().default('USD'),
  // Link destinations must be on one of these hosts (or their subdomains): no open redirects.
  allowedDomains: text('allowed_domains').array().notNull().default([]),
  // Signed events accepted per minute (verified requests only); a sale or a backfill needs headroom.
  eventsPerMinute: integer('events_per_minute').notNull().default(6000),
  // IANA zone the console shows dates in; exports stay in UTC
  timeZone: text('time_zone').notNull().default('UTC'),
  // partners see their customers' emails masked (j•••@acme.com) unless the merchant chooses otherwise
  showCustomerEmailsToPartners: boolean('show_customer_emails_to_partners').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('members_workspace_user_uq').on(t.workspaceId, t.userId),
    // "my workspaces" list after sign-in
    index('members_user_idx').on(t.userId),
  ],
);

// Custom reward units (points, service credit). Currency units need no row: ISO 4217 gives precision.
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    precision: integer('precision').notNull(),
    baseValue: numeric('base_value').notNull(),
  },
  (t) => [uniqueIndex('units_workspace_key_uq').on(t.workspaceId, t.key)],
);

// 1 <currency> = rate <base currency>, in force from effectiveFrom until the next row's.
export const fxRates = pgTable(
  'fx_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    rate: numeric('rate').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
  },
  // also serves "rate in force at T": (workspace, currency, effective_from desc) range scan
  (t) => [uniqueIndex('fx_rates_workspace_currency_from_uq').on(t.workspaceId, t.currency, t.effectiveFrom)],
);

// Minimum payout per unit (currency code or custom unit key); absent means 0.
export const payoutMinimums = pgTable(
  'payout_minimums',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    unit: text('unit').notNull(),
    amount: numeric('amount').notNull(),
  },
  (t) => [uniqueIndex('payout_minimums_workspace_unit_uq').on(t.workspaceId, t.unit)],
);

// A pending invitation to join a workspace with a role. Only the SHA-256 of the token is stored
// (like password resets); accepting it creates the membership once.
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: memberRole('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_uq').on(t.tokenHash),
    // members page: open invitations of a workspace
    index('invitations_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);
