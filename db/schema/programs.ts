import { pgTable, text, timestamp, uuid, integer, boolean, jsonb, pgEnum, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import type { RewardRule, ProgramScope, ProgramTermsSnapshot } from '../../lib/validation/program';
import {
  APPROVAL_MODES, ATTRIBUTION_MODELS, COUPON_PRECEDENCES, GROUP_STRATEGIES, PARTNER_CATEGORIES, PROGRAM_STATUSES,
} from '../../lib/domain/programs';
import { recordedSeq } from './columns';

export const partnerCategory = pgEnum('partner_category', PARTNER_CATEGORIES);
export const attributionModel = pgEnum('attribution_model', ATTRIBUTION_MODELS);
export const couponPrecedence = pgEnum('coupon_precedence', COUPON_PRECEDENCES);
export const approvalMode = pgEnum('approval_mode', APPROVAL_MODES);
export const programStatus = pgEnum('program_status', PROGRAM_STATUSES);
export const groupStrategy = pgEnum('group_strategy', GROUP_STRATEGIES);

export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: partnerCategory('category').notNull(),
    // a currency code (ISO 4217) or the key of one of the workspace's custom units
    unit: text('unit').notNull(),
    // validated by lib/validation/program.ts before every write
    rules: jsonb('rules').$type<RewardRule[]>().notNull(),
    scope: jsonb('scope').$type<ProgramScope>().notNull().default({}),
    model: attributionModel('model').notNull().default('last_touch'),
    windowDays: integer('window_days').notNull().default(30),
    couponPrecedence: couponPrecedence('coupon_precedence').notNull().default('override'),
    holdDays: integer('hold_days').notNull().default(30),
    approvalMode: approvalMode('approval_mode').notNull().default('manual'),
    joinPageEnabled: boolean('join_page_enabled').notNull().default(true),
    // public terms shown on the join page next to the generated plain-words rules
    terms: text('terms').notNull().default(''),
    status: programStatus('status').notNull().default('active'),
    // the version of the terms in force; every change writes program_versions(version) first
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // public join page /join/<workspace>/<program> looks programs up by slug
    uniqueIndex('programs_workspace_slug_uq').on(t.workspaceId, t.slug),
    // console program list filtered by status and category
    index('programs_workspace_status_idx').on(t.workspaceId, t.status, t.category),
  ],
);

export const programGroups = pgTable(
  'program_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    strategy: groupStrategy('strategy').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('program_groups_workspace_slug_uq').on(t.workspaceId, t.slug)],
);

// A program belongs to at most one group, so "which program pays" always has a single answer.
export const programGroupMembers = pgTable(
  'program_group_members',
  {
    groupId: uuid('group_id').notNull().references(() => programGroups.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    // 1 = top tier
    rank: integer('rank').notNull(),
  },
  (t) => [
    uniqueIndex('program_group_members_program_uq').on(t.programId),
    uniqueIndex('program_group_members_group_rank_uq').on(t.groupId, t.rank),
  ],
);

// Every version of a program's terms, so a reward stays explainable by the terms that produced it:
// entries name the version they were computed with (explanation.programVersion).
export const programVersions = pgTable(
  'program_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    terms: jsonb('terms').$type<ProgramTermsSnapshot>().notNull(),
    // who changed it (null for the seed, scenarios and versions written by the migration)
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('program_versions_program_version_uq').on(t.programId, t.version)],
);
