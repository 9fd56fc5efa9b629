import { z } from 'zod';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { AppError } from '../../errors';
import { poolMetricSchema, poolPeriodSchema } from '../../validation/enums';
import { findApiPool, listPoolsPage, type ApiPool } from '../../../db/queries/api/pools';
import { poolProgress } from '../../server/rewards/pools';

// Performance pools, read only (SPEC §6): each UTC quarter or year, partners approved in a member
// program whose metric is strictly above the goal share the amount. A pool's own page adds the
// current period so far, measured by the same code that closes periods.

const tag = 'Pools';

const poolSchema = z
  .object({
    id: z.uuid(),
    object: z.literal('pool'),
    name: z.string(),
    slug: z.string(),
    amount: z.string().meta({ description: 'Shared each period, a decimal string in `unit`.', example: '500.00' }),
    unit: z.string(),
    period: poolPeriodSchema.meta({ description: 'UTC calendar quarters or years.' }),
    metric: poolMetricSchema.meta({ description: '`revenue`: qualifying revenue credited to the partner in the period net of its refunds, in the base currency; `customers`: customers newly bound to the partner in the period.' }),
    goal: z.string().meta({ description: 'Partners strictly above it qualify; a decimal string.', example: '1000' }),
    goal_unit: z.string().nullable().meta({ description: 'The base currency for a revenue goal; null for a number of customers.' }),
    active: z.boolean(),
    programs: z.array(z.object({ id: z.uuid(), name: z.string() })).meta({ description: 'The member programs whose partners are measured.' }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Pool' });

const standingSchema = z.object({
  partner_id: z.uuid(),
  metric: z.string().meta({ description: "The partner's figure so far, a decimal string in `goal_unit` (or a count)." }),
  above_goal: z.boolean().meta({ description: 'Whether it would qualify if the period closed now.' }),
});

const poolDetailSchema = poolSchema
  .extend({
    current_period: z
      .object({
        period: z.string().meta({ example: '2026-Q1' }),
        starts_at: z.iso.datetime(),
        ends_at: z.iso.datetime().meta({ description: 'Exclusive.' }),
        standings: z.array(standingSchema).meta({ description: 'Each partner approved in a member program now, highest figure first.' }),
      })
      .meta({ description: 'The current period so far: what closing now would measure.' }),
  })
  .meta({ id: 'PoolDetail' });

function renderPool(p: ApiPool, baseCurrency: string): z.input<typeof poolSchema> {
  return {
    id: p.id, object: 'pool', name: p.name, slug: p.slug, amount: p.amount, unit: p.unit, period: p.period, metric: p.metric, goal: p.goal,
    goal_unit: p.metric === 'revenue' ? baseCurrency : null, active: p.active, programs: p.programs, created_at: p.createdAt.toISOString(),
  };
}

export const listPools = defineEndpoint({
  method: 'get',
  path: '/pools',
  operationId: 'listPools',
  summary: 'List pools',
  description: 'Newest first, with their settings and member programs.',
  tag,
  access: 'read',
  query: z.object({
    ...pageQuery,
    active: z.enum(['true', 'false']).optional().meta({ description: 'Only active (`true`) or only inactive (`false`) pools.' }),
    period: poolPeriodSchema.optional().meta({ description: 'Only pools closed by this period.' }),
    metric: poolMetricSchema.optional().meta({ description: 'Only pools ranking on this metric.' }),
  }),
  response: listOf(poolSchema, 'PoolList'),
  handle: async ({ caller, db, query }) => {
    const filters = { active: query.active === undefined ? undefined : query.active === 'true', period: query.period, metric: query.metric };
    const rows = await listPoolsPage(db, caller.scope.workspaceId, filters, query.limit, query.starting_after);
    return pageOf(rows, query.limit, (p) => renderPool(p, caller.scope.baseCurrency));
  },
});

export const getPool = defineEndpoint({
  method: 'get',
  path: '/pools/{id}',
  operationId: 'getPool',
  summary: 'Retrieve a pool with its current period',
  tag,
  access: 'read',
  params: z.object({ id: z.uuid().meta({ description: 'The pool id.' }) }),
  response: poolDetailSchema,
  handle: async ({ caller, db, params, now }) => {
    const pool = await findApiPool(db, caller.scope.workspaceId, params.id);
    if (!pool) throw new AppError('not_found', 'Pool not found.');
    const progress = await poolProgress(db, caller.scope.workspaceId, pool.id, now);
    return {
      ...renderPool(pool, caller.scope.baseCurrency),
      current_period: {
        period: progress.period, starts_at: progress.start.toISOString(), ends_at: progress.end.toISOString(),
        standings: progress.standings.map((s) => ({ partner_id: s.partnerId, metric: s.metric, above_goal: s.aboveGoal })),
      },
    };
  },
});

export const endpoints: Endpoint[] = [listPools, getPool];
