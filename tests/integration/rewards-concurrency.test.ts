import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testDatabase } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import type { Scenario } from '../../scripts/scenarios/format';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { storeClick } from '../helpers/clicks';
import { createPayoutBatch, markPayoutFailed } from '../../lib/server/rewards/payouts';
import { closePool } from '../../lib/server/rewards/pools';
import { workspaceBalances } from '../../lib/server/rewards/balances';
import { events, fxRates, ledgerEntries, payoutItems, payouts } from '../../db/schema';
import type { IncomingEvent } from '../../lib/validation/events';

const db = testDatabase();

const story = (): Scenario => ({
  title: 'concurrency fixture',
  workspace: { baseCurrency: 'USD', minimumPayout: { USD: '10' } },
  programs: [
    { key: 'ref', category: 'referral', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0,
      rewards: [{ type: 'one_time_share', percent: '10' }, { type: 'per_customer', amount: '25.00' }] },
    { key: 'eur', category: 'reseller', unit: 'EUR', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [] },
  ],
  pools: [{ key: 'q', unit: 'USD', amount: '100.00', period: 'quarter', programs: ['ref'], metric: 'revenue', goal: '10' }],
  partners: [{ key: 'p', email: 'p@partners.test', enrollments: [{ program: 'ref' }], links: [{ code: `p-${Math.random().toString(36).slice(2, 8)}` }] }],
  steps: [],
  expect: { entries: [] },
});

async function fixture(withEurRate = true) {
  const s = story();
  const ids = await setUpScenario(db, s);
  if (withEurRate) await db.insert(fxRates).values({ workspaceId: ids.workspaceId, currency: 'EUR', rate: '1.10', effectiveFrom: new Date('2020-01-01T00:00:00Z') });
  const code = s.partners[0].links![0].code;
  await storeClick(db, ids.workspaceId, { id: `clk_${code}`, linkCode: code, visitorId: `v-${code}`, at: new Date('2026-01-01T00:00:00Z') });
  return { ids, visitor: `v-${code}` };
}

const order = (id: string, customer: string, visitor: string, amount = '100.00', at = '2026-01-02T00:00:00Z'): IncomingEvent => ({
  id, type: 'order', occurredAt: at, data: { customer: { externalId: customer }, currency: 'USD', lines: [{ product: 'x', amount, recurring: false }], visitorId: visitor, coupons: [] },
});

const entriesOf = (workspaceId: string) => db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId));

describe('event ingestion under concurrency', () => {
  it('ten identical events at once give one set of entries and ten identical answers', async () => {
    const { ids, visitor } = await fixture();
    const e = order('o-dup', 'c1', visitor);
    const results = await Promise.all(Array.from({ length: 10 }, () => ingestEvent(db, ids.workspaceId, e, { source: 'api' })));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const r of results) expect(r.result).toEqual(results[0].result);
    expect(results[0].result.entries.map((x) => x.amount).sort()).toEqual(['10.00', '25.00']);
    expect(await entriesOf(ids.workspaceId)).toHaveLength(2);
  });

  it('different events of one customer at once bind once and pay per_customer once', async () => {
    const { ids, visitor } = await fixture();
    await Promise.all(['a', 'b', 'c', 'd'].map((x) => ingestEvent(db, ids.workspaceId, order(`o-${x}`, 'c2', visitor), { source: 'api' })));
    const rows = await entriesOf(ids.workspaceId);
    expect(rows.filter((r) => r.rule === 'per_customer')).toHaveLength(1);
    expect(rows.filter((r) => r.rule === 'one_time_share')).toHaveLength(4);
  });

  it('refuses an order whose FX rate is missing with fx_rate_missing and writes nothing; a retry works once the rate exists', async () => {
    const { ids, visitor } = await fixture(false);
    const e = order('o-fx', 'c3', visitor);
    await expect(ingestEvent(db, ids.workspaceId, e, { source: 'api' })).rejects.toMatchObject({ code: 'fx_rate_missing' });
    const stored = await db.select().from(events).where(and(eq(events.workspaceId, ids.workspaceId), eq(events.senderId, 'o-fx')));
    expect(stored).toHaveLength(0);
    expect(await entriesOf(ids.workspaceId)).toHaveLength(0);
    await db.insert(fxRates).values({ workspaceId: ids.workspaceId, currency: 'EUR', rate: '1.10', effectiveFrom: new Date('2020-01-01T00:00:00Z') });
    expect((await ingestEvent(db, ids.workspaceId, e, { source: 'api' })).duplicate).toBe(false);
  });

  it('refuses a refund of an unknown order, naming the field', async () => {
    const { ids } = await fixture();
    const err = await ingestEvent(db, ids.workspaceId, { id: 'r-x', type: 'refund', occurredAt: '2026-01-03T00:00:00Z', data: { orderId: 'nope' } }, { source: 'api' }).catch((x) => x);
    expect(err).toMatchObject({ code: 'invalid_input', fields: { 'data.orderId': expect.any(String) } });
  });

  it('concurrent partial refunds of one order never reverse more than the original', async () => {
    const { ids, visitor } = await fixture();
    await ingestEvent(db, ids.workspaceId, order('o-ref', 'c4', visitor, '100.00'), { source: 'api' });
    await Promise.all(
      ['1', '2', '3', '4', '5'].map((n) => ingestEvent(db, ids.workspaceId, { id: `r-${n}`, type: 'refund', occurredAt: '2026-01-05T00:00:00Z', data: { orderId: 'o-ref', amount: '30.00' } }, { source: 'api' })),
    );
    const rows = (await entriesOf(ids.workspaceId)).filter((r) => r.rule === 'one_time_share');
    const net = rows.reduce((s, r) => s + Number(r.amount), 0);
    expect(net).toBe(0); // 150 requested of a 100 order: capped, the share entry is fully reversed
    const flat = (await entriesOf(ids.workspaceId)).filter((r) => r.rule === 'per_customer');
    expect(flat.reduce((s, r) => s + Number(r.amount), 0)).toBe(0); // fully refunded: flat reversed too
  });
});

describe('payouts and pools under concurrency', () => {
  it('concurrent batches never put an entry in two payouts; the same batch twice is one batch', async () => {
    const { ids, visitor } = await fixture();
    // entries written at their event's time, so a batch dated after them sees them
    for (const n of ['1', '2', '3']) await ingestEvent(db, ids.workspaceId, order(`o-p${n}`, `cp${n}`, visitor), { source: 'api', now: new Date('2026-01-02T00:00:00Z') });
    const at = new Date('2026-02-01T00:00:00Z');
    const results = await Promise.all([
      createPayoutBatch(db, ids.workspaceId, { reference: 'b1', at }),
      createPayoutBatch(db, ids.workspaceId, { reference: 'b2', at }),
      createPayoutBatch(db, ids.workspaceId, { reference: 'b1', at }),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(2);
    expect(results.flatMap((r) => r.payouts)).toHaveLength(1);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(payoutItems).where(eq(payoutItems.workspaceId, ids.workspaceId));
    expect(n).toBe(6);
    // a failed payout releases its entries: payable again, and the next batch takes them
    const [payout] = await db.select().from(payouts).where(eq(payouts.workspaceId, ids.workspaceId));
    await markPayoutFailed(db, ids.workspaceId, payout.id, 'bank rejected', at);
    const balances = await workspaceBalances(db, ids.workspaceId, at);
    expect(balances[0]).toMatchObject({ payable: payout.amount, processing: '0.00' });
    const again = await createPayoutBatch(db, ids.workspaceId, { reference: 'b3', at });
    expect(again.payouts[0].amount).toBe(payout.amount);
  });

  it('closing a pool period twice at once pays the bonus once', async () => {
    const { ids, visitor } = await fixture();
    await ingestEvent(db, ids.workspaceId, order('o-pool', 'cq', visitor, '500.00', '2026-01-20T00:00:00Z'), { source: 'api', now: new Date('2026-01-20T00:00:00Z') });
    const poolId = ids.pools.get('q')!;
    const at = new Date('2026-04-02T00:00:00Z');
    const closes = await Promise.all([closePool(db, ids.workspaceId, poolId, '2026-Q1', at), closePool(db, ids.workspaceId, poolId, '2026-Q1', at)]);
    expect(closes.filter((c) => !c.alreadyClosed)).toHaveLength(1);
    const bonuses = (await entriesOf(ids.workspaceId)).filter((r) => r.kind === 'bonus');
    expect(bonuses.map((b) => b.amount)).toEqual(['100.00']);
    await expect(closePool(db, ids.workspaceId, poolId, '2026-Q2', at)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
