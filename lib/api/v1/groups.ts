import { z } from 'zod';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { AppError } from '../../errors';
import { groupStrategySchema, programStatusSchema } from '../../validation/enums';
import { findApiGroup, listGroupsPage, type ApiGroup } from '../../../db/queries/api/groups';

// Program groups, read only (SPEC §4.4): the programs ranked as tiers (1 = top) and the strategy
// that picks the one program paying a partner when several would.

const tag = 'Groups';

const groupSchema = z
  .object({
    id: z.uuid(),
    object: z.literal('group'),
    name: z.string(),
    slug: z.string(),
    strategy: groupStrategySchema.meta({ description: 'Which program pays a partner when several of the group would on one event: `highest_rank`, the best-ranked of them; `highest_reward`, the one whose reward is largest in the base currency (ties go to the better rank).' }),
    tiers: z
      .array(
        z.object({
          rank: z.number().int().meta({ description: '1 = top tier.' }),
          program_id: z.uuid(),
          name: z.string(),
          unit: z.string(),
          status: programStatusSchema,
        }),
      )
      .meta({ description: 'The programs of the group in rank order.' }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Group' });

function renderGroup(g: ApiGroup): z.input<typeof groupSchema> {
  return {
    id: g.id, object: 'group', name: g.name, slug: g.slug, strategy: g.strategy,
    tiers: g.tiers.map((t) => ({ rank: t.rank, program_id: t.programId, name: t.name, unit: t.unit, status: programStatusSchema.parse(t.status) })),
    created_at: g.createdAt.toISOString(),
  };
}

export const listGroups = defineEndpoint({
  method: 'get',
  path: '/groups',
  operationId: 'listGroups',
  summary: 'List program groups',
  description: 'Newest first, each with its tiers.',
  tag,
  access: 'read',
  query: z.object({ ...pageQuery, strategy: groupStrategySchema.optional().meta({ description: 'Only groups with this strategy.' }) }),
  response: listOf(groupSchema, 'GroupList'),
  handle: async ({ caller, db, query }) => {
    const rows = await listGroupsPage(db, caller.scope.workspaceId, { strategy: query.strategy }, query.limit, query.starting_after);
    return pageOf(rows, query.limit, renderGroup);
  },
});

export const getGroup = defineEndpoint({
  method: 'get',
  path: '/groups/{id}',
  operationId: 'getGroup',
  summary: 'Retrieve a program group',
  tag,
  access: 'read',
  params: z.object({ id: z.uuid().meta({ description: 'The group id.' }) }),
  response: groupSchema,
  handle: async ({ caller, db, params }) => {
    const group = await findApiGroup(db, caller.scope.workspaceId, params.id);
    if (!group) throw new AppError('not_found', 'Group not found.');
    return renderGroup(group);
  },
});

export const endpoints: Endpoint[] = [listGroups, getGroup];
