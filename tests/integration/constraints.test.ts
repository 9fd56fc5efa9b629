import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant, PASSWORD } from '../helpers/fixtures';
import { insertRawEvent } from '../../db/queries/events';
import { joinProgram } from '../../lib/server/enrollments';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { workspaceBalances } from '../../lib/server/rewards/balances';
import { eventSchema } from '../../lib/validation/events';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { events, ledgerEntries, partners, payoutBatches, payoutItems, payouts, pools } from '../../db/schema';

const db = testDatabase();

// The idempotency rules live in unique constraints; these tests hit them concurrently.
describe('idempotency constraints', () => {
  it('stores one event per workspace and sender id even when ten copies arrive at once', async () => {
    const m = await createMerchant(db);
    const senderId = uniq('evt');
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () =>
        insertRawEvent(db, {
          workspaceId: m.scope.workspaceId, senderId, type: 'order', source: 'api', occurredAt: new Date(),
          payload: eventSchema.parse({ id: senderId, type: 'order', occurredAt: new Date().toISOString(), data: { customer: { externalId: 'c' }, currency: 'USD', lines: [{ product: 'x', amount: '1' }] } }),
        }),
      ),
    );
    expect(attempts.filter(Boolean)).toHaveLength(1);
    const rows = await db.select().from(events).where(and(eq(events.workspaceId, m.scope.workspaceId), eq(events.senderId, senderId)));
    expect(rows).toHaveLength(1);
  });

  it('allows one bonus per pool, period and partner, and one live payout per entry', async () => {
    const m = await createMerchant(db, { approvalMode: 'auto' });
    await joinProgram(db, { workspaceSlug: m.workspaceSlug, programSlug: m.programSlug }, { form: { name: 'P', company: '', email: `${uniq()}@p.test`, password: PASSWORD } });
    const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.workspaceId, m.scope.workspaceId));
    const [pool] = await db
      .insert(pools)
      .values({ workspaceId: m.scope.workspaceId, slug: 'q', name: 'Q', unit: 'USD', amount: '100', period: 'quarter', metric: 'revenue', goal: '0' })
      .returning({ id: pools.id });
    const bonus = {
      workspaceId: m.scope.workspaceId, partnerId: partner.id, poolId: pool.id, poolPeriod: '2026-Q1', kind: 'bonus' as const,
      amount: '100.00', unit: 'USD', payableAt: new Date(), explanation: {}, createdAt: new Date(),
    };
    const results = await Promise.allSettled([db.insert(ledgerEntries).values(bonus), db.insert(ledgerEntries).values(bonus)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [entry] = await db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.poolId, pool.id));

    const batch = async (reference: string) =>
      (await db.insert(payoutBatches).values({ workspaceId: m.scope.workspaceId, reference, createdAt: new Date() }).returning({ id: payoutBatches.id }))[0];
    const payout = async (batchId: string) =>
      (await db.insert(payouts).values({ workspaceId: m.scope.workspaceId, batchId, partnerId: partner.id, unit: 'USD', amount: '100.00' }).returning({ id: payouts.id }))[0];
    const p1 = await payout((await batch('b1')).id);
    const p2 = await payout((await batch('b2')).id);
    await db.insert(payoutItems).values({ payoutId: p1.id, entryId: entry.id, workspaceId: m.scope.workspaceId });
    await expect(db.insert(payoutItems).values({ payoutId: p2.id, entryId: entry.id, workspaceId: m.scope.workspaceId })).rejects.toThrow();
    // once released (failed payout), the entry can go into another payout
    await db.update(payoutItems).set({ released: true }).where(eq(payoutItems.payoutId, p1.id));
    await db.insert(payoutItems).values({ payoutId: p2.id, entryId: entry.id, workspaceId: m.scope.workspaceId });
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(payoutItems).where(eq(payoutItems.entryId, entry.id));
    expect(n).toBe(2);
  });

  // 12345678901234568.19 has more significant digits than a double holds (it reads back as
  // ...568.2): any JS number on the way from the request to the ledger would show here.
  it('keeps money exact from the event to the ledger and back, beyond what a float can hold', async () => {
    const code = uniq('exact');
    const ids = await setUpScenario(db, {
      title: 'exact money', workspace: { baseCurrency: 'USD' },
      programs: [{ key: 'p', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
      partners: [{ key: 'x', email: `${code}@p.test`, enrollments: [{ program: 'p' }], links: [{ code }] }],
      steps: [], expect: { entries: [] },
    });
    const at = '2026-03-01T00:00:00Z';
    const lines = [{ product: 'a', amount: '0.10' }, { product: 'b', amount: '0.20' }, { product: 'c', amount: '12345678901234567.89' }];
    const order = eventSchema.parse({ id: 'o-exact', type: 'order', occurredAt: at, data: { customer: { externalId: 'c' }, currency: 'USD', partnerCode: code, lines } });
    const { result } = await ingestEvent(db, ids.workspaceId, order, { source: 'api', now: new Date(at) });
    // 10% of 12345678901234568.19, rounded half-up to cents
    const commission = '1234567890123456.82';
    expect(String(Number(commission))).not.toBe(commission);
    expect(result.entries.map((e) => e.amount)).toEqual([commission]);
    const stored = await db.select({ amount: ledgerEntries.amount }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, ids.workspaceId));
    expect(stored).toEqual([{ amount: commission }]);
    const [raw] = await db.select({ payload: events.payload }).from(events).where(and(eq(events.workspaceId, ids.workspaceId), eq(events.senderId, 'o-exact')));
    expect(raw.payload.type === 'order' && raw.payload.data.lines.map((l) => l.amount)).toEqual(lines.map((l) => l.amount));

    // a full refund reverses exactly what was paid: the partner's balance is zero to the cent
    const refund = eventSchema.parse({ id: 'r-exact', type: 'refund', occurredAt: '2026-03-02T00:00:00Z', data: { orderId: 'o-exact' } });
    const reversed = await ingestEvent(db, ids.workspaceId, refund, { source: 'api', now: new Date('2026-03-02T00:00:00Z') });
    expect(reversed.result.entries.map((e) => e.amount)).toEqual([`-${commission}`]);
    const [balance] = await workspaceBalances(db, ids.workspaceId, new Date('2026-03-03T00:00:00Z'));
    expect(balance).toMatchObject({ pending: '0.00', payable: '0.00', processing: '0.00', paid: '0.00' });
  });
});
