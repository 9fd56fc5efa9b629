import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, eq } from 'drizzle-orm';
import { testDatabase } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { storeClick } from '../helpers/clicks';
import { registerDeal, decideDeal, expireDeals } from '../../lib/server/rewards/deals';
import { ledgerEntries, dealRegistrations } from '../../db/schema';
import type { IncomingEvent } from '../../lib/validation/events';

const db = testDatabase();

async function workspace() {
  const suffix = Math.random().toString(36).slice(2, 8);
  const ids = await setUpScenario(db, {
    title: 'replay property',
    workspace: { baseCurrency: 'USD' },
    programs: [
      { key: 'split', category: 'referral', unit: 'USD', model: 'position_based', windowDays: 30, holdDays: 10, rewards: [{ type: 'one_time_share', percent: '7.5' }, { type: 'per_order', amount: '3.00' }] },
      { key: 'first', category: 'agency', unit: 'USD', model: 'first_touch', windowDays: 60, holdDays: 0, rewards: [{ type: 'per_customer', amount: '20.00' }, { type: 'recurring_share', percent: '12', durationMonths: 2 }] },
    ],
    partners: ['a', 'b', 'c'].map((k) => ({ key: k, email: `${k}-${suffix}@p.test`, enrollments: [{ program: 'split' }, { program: 'first' }], links: [{ code: `${k}-${suffix}` }] })),
    steps: [],
    expect: { entries: [] },
  });
  return { ids, codes: ['a', 'b', 'c'].map((k) => `${k}-${suffix}`) };
}

const snapshot = async (workspaceId: string) =>
  (await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId)).orderBy(asc(ledgerEntries.id))).map((e) => ({ ...e }));

// Property: whatever the story, sending any of its events again changes nothing.
describe('replaying events', () => {
  it('replaying any subset of events, in any order, leaves the ledger unchanged', async () => {
    const story = fc.array(
      fc.record({
        customer: fc.integer({ min: 1, max: 4 }),
        link: fc.integer({ min: 0, max: 2 }),
        day: fc.integer({ min: 1, max: 80 }),
        amount: fc.integer({ min: 1, max: 99999 }),
        recurring: fc.boolean(),
        refund: fc.option(fc.integer({ min: 0, max: 12000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    await fc.assert(
      fc.asyncProperty(story, fc.array(fc.nat(), { maxLength: 10 }), async (steps, replayPicks) => {
        const { ids, codes } = await workspace();
        const events: IncomingEvent[] = [];
        for (const [i, s] of steps.entries()) {
          const at = new Date(Date.UTC(2026, 0, s.day, 12, i));
          await storeClick(db, ids.workspaceId, { id: `clk_${ids.workspaceId}-${i}`, linkCode: codes[s.link], visitorId: `v${s.customer}`, at: new Date(at.getTime() - 3_600_000) });
          const order: IncomingEvent = {
            id: `o${i}`, type: 'order', occurredAt: at.toISOString(),
            data: { customer: { externalId: `c${s.customer}` }, currency: 'USD', visitorId: `v${s.customer}`, coupons: [], lines: [{ product: 'p', amount: (s.amount / 100).toFixed(2), recurring: s.recurring }] },
          };
          events.push(order);
          await ingestEvent(db, ids.workspaceId, order, { source: 'api', now: at });
          if (s.refund !== undefined) {
            const refund: IncomingEvent = { id: `r${i}`, type: 'refund', occurredAt: new Date(at.getTime() + 86_400_000).toISOString(), data: { orderId: `o${i}`, amount: (s.refund / 100).toFixed(2) } };
            events.push(refund);
            await ingestEvent(db, ids.workspaceId, refund, { source: 'api', now: new Date(refund.occurredAt) });
          }
        }
        const before = await snapshot(ids.workspaceId);
        for (const pick of replayPicks) {
          const again = await ingestEvent(db, ids.workspaceId, events[pick % events.length], { source: 'api' });
          expect(again.duplicate).toBe(true);
        }
        expect(await snapshot(ids.workspaceId)).toEqual(before);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe('deal registrations', () => {
  it('expire after their date and count only while approved and unexpired', async () => {
    const { ids } = await workspace();
    const partnerId = ids.partners.get('a')!;
    const programId = ids.programs.get('first')!;
    const at = new Date('2026-03-01T00:00:00Z');
    const deal = await registerDeal(db, ids.workspaceId, { partnerId, programId, match: { emailDomain: '@BigCo.com' }, registeredAt: at, expiresAt: new Date('2026-04-01T00:00:00Z') });
    await decideDeal(db, ids.workspaceId, deal.id, 'approved', at);
    await expect(decideDeal(db, ids.workspaceId, deal.id, 'rejected', at)).rejects.toMatchObject({ code: 'not_found' });
    const ok = await ingestEvent(db, ids.workspaceId, {
      id: 'deal-1', type: 'order', occurredAt: '2026-03-20T00:00:00Z',
      data: { customer: { externalId: 'big1', email: 'cto@bigco.com' }, currency: 'USD', coupons: [], lines: [{ product: 'p', amount: '100.00', recurring: false }] },
    }, { source: 'api' });
    expect(ok.result.entries.map((e) => e.partnerId)).toContain(partnerId);
    // 1, or 0 when the expiry job (tested at the same time in another file, across all
    // workspaces) stored it first: what matters is the stored status below
    expect(await expireDeals(db, ids.workspaceId, new Date('2026-04-02T00:00:00Z'))).toBeLessThanOrEqual(1);
    const [row] = await db.select().from(dealRegistrations).where(eq(dealRegistrations.id, deal.id));
    expect(row.status).toBe('expired');
    const late = await ingestEvent(db, ids.workspaceId, {
      id: 'deal-2', type: 'order', occurredAt: '2026-04-05T00:00:00Z',
      data: { customer: { externalId: 'big2', email: 'cfo@bigco.com' }, currency: 'USD', coupons: [], lines: [{ product: 'p', amount: '100.00', recurring: false }] },
    }, { source: 'api' });
    expect(late.result.entries).toEqual([]);
  });
});
