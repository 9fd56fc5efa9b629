import { z } from 'zod';
import { balancesOfPartners, listBalancePartners } from '../../../db/queries/api/balances';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { money } from './fields';

// What each partner is owed, per unit, in the four §5 buckets, as the console's payouts page and
// balances CSV show it: the same bucket SQL (db/queries/balances.ts), read at the request's time.


const unitBalance = z
  .object({
    unit: z.string().meta({ example: 'USD' }),
    pending: money('Earned, still on hold (refunds may reverse it).'),
    payable: money('Hold over, not in a payout yet: what the next batch takes.'),
    processing: money('In a payout not yet settled.'),
    paid: money('In payouts marked paid.'),
  })
  .meta({ id: 'UnitBalance' });

const balanceObject = z
  .object({
    object: z.literal('balance'),
    partner_id: z.string(),
    partner_name: z.string(),
    balances: z.array(unitBalance).meta({ description: 'One per unit the partner has entries in, by unit.' }),
    as_of: z.string().meta({ description: 'The time the buckets were read at.', example: '2026-01-31T12:00:00.000Z' }),
  })
  .meta({ id: 'Balance' });

export const listBalances = defineEndpoint({
  method: 'get',
  path: '/balances',
  operationId: 'listBalances',
  summary: 'List balances',
  description: 'Per partner with ledger entries (newest partner first), per unit: pending, payable, processing and paid. Pages by partner: `starting_after` takes the `partner_id` of the last balance.',
  tag: 'Balances',
  access: 'read',
  query: z.object({
    ...pageQuery,
    starting_after: pageQuery.starting_after.meta({ description: 'The `partner_id` of the last balance of the previous page; this page starts after it.' }),
    partner_id: z.uuid().optional(),
    unit: z.string().trim().min(1).max(32).optional().meta({ example: 'USD' }),
  }),
  response: listOf(balanceObject, 'BalanceList'),
  handle: async ({ caller, db, query, now }) => {
    const { workspaceId } = caller.scope;
    const filters = { partnerId: query.partner_id, unit: query.unit, now };
    const partners = await listBalancePartners(db, workspaceId, filters, { limit: query.limit, startingAfter: query.starting_after });
    const sums = await balancesOfPartners(db, workspaceId, partners.slice(0, query.limit).map((p) => p.id), filters);
    return pageOf(partners, query.limit, (p) => ({
      object: 'balance' as const,
      partner_id: p.id,
      partner_name: p.name,
      balances: sums.filter((s) => s.partnerId === p.id).map(({ unit, pending, payable, processing, paid }) => ({ unit, pending, payable, processing, paid })),
      as_of: now.toISOString(),
    }));
  },
});

export const endpoints: Endpoint[] = [listBalances];
