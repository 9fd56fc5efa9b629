import { pgTable, text, timestamp, uuid, jsonb, pgEnum, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { users } from './auth';
import { programs } from './programs';
import type { RewardRule } from '../../lib/validation/program';
import { ENROLLMENT_STATUSES } from '../../lib/domain/enrollments';
import { recordedSeq } from './columns';

export const enrollmentStatus = pgEnum('enrollment_status', ENROLLMENT_STATUSES);

// A partner is a workspace's record of a person or company; one user account may be the partner
// of several workspaces (one row each), which keeps every ledger row inside one tenant.
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    company: text('company'),
    website: text('website'),
    // ISO 3166-1 alpha-2, for the merchant's tax paperwork
    taxCountry: text('tax_country'),
    // which notification emails the partner wants, per kind; absent kinds are on (lib/domain/notifications.ts)
    notificationPrefs: jsonb('notification_prefs').$type<Record<string, boolean>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // emails are stored lower-cased; self-referral checks compare on this column
    uniqueIndex('partners_workspace_email_uq').on(t.workspaceId, t.email),
    // partner portal: "all my partner records" across workspaces
    index('partners_user_idx').on(t.userId),
    // the REST API's newest-first pages
    index('partners_workspace_time_id_idx').on(t.workspaceId, t.createdAt, t.id),
  ],
);

export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    status: enrollmentStatus('status').notNull(),
    // a special agreement: replaces the program's rules for this partner when set
    rules: jsonb('rules').$type<RewardRule[] | null>(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrollments_partner_program_uq').on(t.partnerId, t.programId),
    // console partner list filtered by program and status ("pending applications")
    index('enrollments_workspace_program_status_idx').on(t.workspaceId, t.programId, t.status),
    index('enrollments_workspace_time_id_idx').on(t.workspaceId, t.createdAt, t.id),
  ],
);

// Every status change with its time: eligibility is judged "at the event time", so the engine
// needs the history, not just the current status.
export const enrollmentStatusChanges = pgTable(
  'enrollment_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    enrollmentId: uuid('enrollment_id').notNull().references(() => enrollments.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    status: enrollmentStatus('status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    // optional words from the merchant, shown to the partner (why rejected or suspended)
    reason: text('reason'),
  },
  // eligibility lookup: an enrollment's changes in time order
  (t) => [index('enrollment_status_changes_enrollment_at_idx').on(t.enrollmentId, t.at)],
);
