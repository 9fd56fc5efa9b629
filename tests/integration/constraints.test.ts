import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant, PASSWORD } from '../helpers/fixtures';
import { insertRawEvent } from '../../db/queries/events';
import { joinProgram } from '../../lib/server/enrollments';
import { events, ledgerEntries, partners, payoutBatches, payoutItems, payouts, pools } from '../../db/schema';

const db = testDatabase();

// The idempotency rules live in unique constraints; these tests hit them concurrently.
describe('idempotency constraints', () => {
  it('stores one event per workspace and sender id even when ten copies arrive at once', async () => {
    const m = await createMerchant(db);
    const senderId = uniq('evt');
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () =>
        insertRawEvent(db, { workspaceId: m.scope.workspaceId, senderId, type: 'order', source: 'api', occurredAt: new Date(), payload: { id: senderId } }),
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

  it('stores money as numeric, exactly', async () => {
    const [row] = await db.execute<{ v: string }>(sql`select ('0.1'::numeric + '0.2'::numeric)::text as v`).then((r) => r.rows);
    expect(row.v).toBe('0.3');
  });
});
