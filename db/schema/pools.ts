import { pgTable, text, timestamp, uuid, numeric, jsonb, pgEnum, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { programs } from './programs';
import { POOL_METRICS, POOL_PERIODS } from '../../lib/domain/pools';
import type { PoolStanding } from '../../lib/engine';

export const poolPeriodKind = pgEnum('pool_period_kind', POOL_PERIODS);
export const poolMetric = pgEnum('pool_metric', POOL_METRICS);

export const pools = pgTable(
  'pools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    amount: numeric('amount').notNull(),
    period: poolPeriodKind('period').notNull(),
    metric: poolMetric('metric').notNull(),
    goal: numeric('goal').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pools_workspace_slug_uq').on(t.workspaceId, t.slug)],
);

export const poolPrograms = pgTable(
  'pool_programs',
  {
    poolId: uuid('pool_id').notNull().references(() => pools.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('pool_programs_uq').on(t.poolId, t.programId)],
);

/** pool_period_closings.result: the standings the engine decided when the period closed. */
export interface PoolClosingResult {
  period: string;
  /** ISO 8601 */
  closedAt: string;
  standings: PoolStanding[];
}

// A closed period: closing again finds this row and changes nothing.
export const poolPeriodClosings = pgTable(
  'pool_period_closings',
  {
    poolId: uuid('pool_id').notNull().references(() => pools.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    // "2026-Q1" or "2026"
    period: text('period').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
    // metric per partner and who qualified, for the UI's explanation
    result: jsonb('result').$type<PoolClosingResult>().notNull(),
  },
  (t) => [uniqueIndex('pool_period_closings_uq').on(t.poolId, t.period)],
);
