/**
 * SPEC §4.2 and §6 break ties by the order the system recorded things (a sequence), never by a
 * random id: the same story must pay the same cents to the same partners on every database. Each
 * run below is a fresh database (new random UUIDs for every row), and the stories are built so that
 * the random ids, the click ids (chosen to sort against the order they were recorded in) or the
 * table's physical order would decide otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { freshDatabaseFactory } from '../../scripts/lib/fresh-databases';
import { setUpScenario, type ScenarioIds } from '../../scripts/scenarios/setup';
import { reportScenario } from '../../scripts/scenarios/report';
import type { Scenario, ScenarioEntry } from '../../scripts/scenarios/format';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { closePool } from '../../lib/server/rewards/pools';
import { decideDeal, registerDeal } from '../../lib/server/rewards/deals';
import { eventSchema } from '../../lib/validation/events';
import { storeClick, storeClickBatch } from '../helpers/clicks';

const RUNS = 20;

// Partners are listed against the alphabet on purpose: listing order, not a key or an id, decides.
const story: Scenario = {
  title: 'ties broken by recorded order',
  workspace: { baseCurrency: 'USD' },
  programs: [
    { key: 'split', category: 'referral', unit: 'USD', model: 'equal_split', windowDays: 30, holdDays: 0, rewards: [{ type: 'per_order', amount: '10.01' }] },
    { key: 'first', category: 'referral', unit: 'USD', model: 'first_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'per_order', amount: '7.00' }] },
    { key: 'pooled', category: 'affiliate', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] },
  ],
  pools: [{ key: 'bonus', unit: 'USD', amount: '100.00', period: 'quarter', programs: ['pooled'], metric: 'revenue', goal: '0' }],
  partners: [
    { key: 't2', email: 't2@partners.test', enrollments: [{ program: 'split' }, { program: 'first' }], links: [{ code: 't2-link' }] },
    { key: 't1', email: 't1@partners.test', enrollments: [{ program: 'split' }, { program: 'first' }], links: [{ code: 't1-link' }] },
    // three partners enrolled in one transaction at one instant: the pool's odd cent goes to p3
    { key: 'p3', email: 'p3@partners.test', enrollments: [{ program: 'pooled' }], links: [{ code: 'p3-link' }] },
    { key: 'p1', email: 'p1@partners.test', enrollments: [{ program: 'pooled' }], links: [{ code: 'p1-link' }] },
    { key: 'p2', email: 'p2@partners.test', enrollments: [{ program: 'pooled' }], links: [{ code: 'p2-link' }] },
  ],
  steps: [{ at: '2026-01-05T00:00:00Z' }],
  expect: { entries: [] },
};

const TIE = new Date('2026-01-10T12:00:00.000Z');
const hoursAfterTie = (h: number) => new Date(TIE.getTime() + h * 3_600_000);

async function order(db: Database, ids: ScenarioIds, raw: { id: string; customer: string; visitor?: string; partnerCode?: string; amount: string; at: Date }) {
  const event = eventSchema.parse({
    id: raw.id, type: 'order', occurredAt: raw.at.toISOString(),
    data: { customer: { externalId: raw.customer }, currency: 'USD', visitorId: raw.visitor, partnerCode: raw.partnerCode, coupons: [], lines: [{ product: 'item', amount: raw.amount }] },
  });
  await ingestEvent(db, ids.workspaceId, event, { source: 'api', now: raw.at });
}

/** The story: tied touches stored one by one and in one flush batch, then tied pool metrics. */
async function playStory(db: Database): Promise<ScenarioEntry[]> {
  const ids = await setUpScenario(db, story);
  const ws = ids.workspaceId;
  // t2's click is recorded first, at the same instant as t1's; its id sorts last
  await storeClick(db, ws, { id: 'clk_tie-zzzzzzzz-one', linkCode: 't2-link', visitorId: 'v-one', at: TIE });
  await storeClick(db, ws, { id: 'clk_tie-aaaaaaaa-one', linkCode: 't1-link', visitorId: 'v-one', at: TIE });
  await order(db, ids, { id: 'o-one', customer: 'c-one', visitor: 'v-one', amount: '50.00', at: hoursAfterTie(1) });
  // the same tie inside one batch, as the flush job stores the Redis queue: here t1's click came
  // first, against both the ids and the links' own order (a join over links must not reorder it)
  await storeClickBatch(db, ws, [
    { id: 'clk_tie-zzzzzzzz-batch', linkCode: 't1-link', visitorId: 'v-batch', at: TIE },
    { id: 'clk_tie-aaaaaaaa-batch', linkCode: 't2-link', visitorId: 'v-batch', at: TIE },
  ]);
  await order(db, ids, { id: 'o-batch', customer: 'c-batch', visitor: 'v-batch', amount: '50.00', at: hoursAfterTie(2) });
  // a later order of the same customer goes by the binding's shares, stored in touch order
  await order(db, ids, { id: 'o-again', customer: 'c-one', amount: '50.00', at: hoursAfterTie(3) });

  // two deal registrations at one instant: t2's recorded first, t1's approved first (which moves
  // its row ahead in the table, so the table's own order would put it first)
  const registered = [];
  for (const partner of ['t2', 't1']) {
    registered.push(await registerDeal(db, ws, {
      partnerId: ids.partners.get(partner)!, programId: ids.programs.get('first')!, match: { customer: 'c-deal' }, prospectName: partner,
      registeredAt: hoursAfterTie(4), expiresAt: hoursAfterTie(24 * 90),
    }));
  }
  for (const deal of [...registered].reverse()) await decideDeal(db, ws, deal.id, 'approved', hoursAfterTie(4));
  await order(db, ids, { id: 'o-deal', customer: 'c-deal', amount: '50.00', at: hoursAfterTie(5) });

  for (const [i, code] of ['p1-link', 'p2-link', 'p3-link'].entries()) {
    await order(db, ids, { id: `o-pool-${i}`, customer: `c-pool-${i}`, partnerCode: code, amount: '100.00', at: hoursAfterTie(6 + i) });
  }
  await closePool(db, ws, ids.pools.get('bonus')!, '2026-Q1', new Date('2026-04-01T00:00:00Z'));
  return (await reportScenario(db, ids, new Date('2026-04-02T00:00:00Z'))).entries;
}

const commission = (partner: string, program: string, orderId: string, amount: string): ScenarioEntry =>
  ({ partner, program, kind: 'commission', rule: program === 'pooled' ? 'one_time_share' : 'per_order', order: orderId, amount, unit: 'USD' });

const expected: ScenarioEntry[] = [
  // equal split of 10.01: the odd cent to the first touch (t2, recorded first); first touch: t2
  commission('t2', 'split', 'o-one', '5.01'), commission('t1', 'split', 'o-one', '5.00'), commission('t2', 'first', 'o-one', '7.00'),
  commission('t1', 'split', 'o-batch', '5.01'), commission('t2', 'split', 'o-batch', '5.00'), commission('t1', 'first', 'o-batch', '7.00'),
  commission('t2', 'split', 'o-again', '5.01'), commission('t1', 'split', 'o-again', '5.00'), commission('t2', 'first', 'o-again', '7.00'),
  commission('t2', 'first', 'o-deal', '7.00'),
  commission('p1', 'pooled', 'o-pool-0', '10.00'), commission('p2', 'pooled', 'o-pool-1', '10.00'), commission('p3', 'pooled', 'o-pool-2', '10.00'),
  // equal metrics, enrollments recorded together at one instant: the first listed (p3) gets the cent
  { partner: 'p3', pool: 'bonus', period: '2026-Q1', kind: 'bonus', amount: '33.34', unit: 'USD' },
  { partner: 'p1', pool: 'bonus', period: '2026-Q1', kind: 'bonus', amount: '33.33', unit: 'USD' },
  { partner: 'p2', pool: 'bonus', period: '2026-Q1', kind: 'bonus', amount: '33.33', unit: 'USD' },
];

const sorted = (entries: ScenarioEntry[]) => entries.map((e) => JSON.stringify(e)).sort();

let factory: Awaited<ReturnType<typeof freshDatabaseFactory>>;
beforeAll(async () => {
  factory = await freshDatabaseFactory(process.env.DATABASE_EMBEDDED === '1' ? undefined : process.env.DATABASE_URL);
});
afterAll(() => factory?.close());

describe('ties broken by recorded order', () => {
  it(`gives the same cents to the same partners on ${RUNS} fresh databases`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const fresh = await factory.next();
      const { db, close } = createDatabase(fresh.url, { embedded: fresh.embedded });
      try {
        expect(sorted(await playStory(db)), `run ${run + 1}`).toEqual(sorted(expected));
      } finally {
        await close();
        await fresh.dispose();
      }
    }
  }, 300_000);
});
