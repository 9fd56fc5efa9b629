import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { storeClick } from '../helpers/clicks';
import { saveSecret } from '../../lib/server/secrets';
import { joinProgram, changeEnrollmentStatus } from '../../lib/server/enrollments';
import { decideDeal, registerDeal } from '../../lib/server/rewards/deals';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { createPayoutBatch } from '../../lib/server/rewards/payouts';
import { markPayoutFailed } from '../../lib/server/rewards/payout-settle';
import type { WebhookTopic } from '../../lib/domain/integrations';
import { webhookDeliveries } from '../../db/schema';

// Each topic of issue 12 is queued by the service that makes the change, in its transaction: one
// delivery when the change commits, none when the transaction around it rolls back. The rollback
// cases run the real service inside an outer transaction that then fails, so a delivery written
// through any other connection (or after the commit) would survive and be caught.

const db = testDatabase();
const URL = 'https://hooks.example/in';

class RolledBack extends Error {}
async function inRolledBackTransaction(work: (tx: Database) => Promise<unknown>) {
  await expect(
    db.transaction(async (tx) => {
      // drizzle's transaction handle runs the service's own transaction as a savepoint of this one
      await work(tx as unknown as Database);
      throw new RolledBack();
    }),
  ).rejects.toBeInstanceOf(RolledBack);
}

const queued = (workspaceId: string, topic: WebhookTopic) =>
  db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.topic, topic)));

async function shop() {
  const code = uniq('tp');
  const ids = await setUpScenario(db, {
    title: 'webhook topics', workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'p', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'per_order', amount: '10.00' }] }],
    partners: [
      { key: 'x', email: `${code}@x.test`, enrollments: [{ program: 'p' }], links: [{ code }] },
      { key: 'y', email: `${code}@y.test`, enrollments: [{ program: 'p', status: 'pending' }] },
    ],
    steps: [], expect: { entries: [] },
  });
  await saveSecret(db, ids.workspaceId, 'outbound', 'whsec_topics', URL);
  return { ws: ids.workspaceId, code, program: ids.programs.get('p')!, x: ids.partners.get('x')!, y: ids.partners.get('y')!, pending: ids.enrollments.get('y|p')! };
}

async function sale(ws: string, code: string, orderId = uniq('o')) {
  const visitorId = `v-${orderId}`;
  await storeClick(db, ws, { linkCode: code, visitorId, at: new Date('2026-03-01T00:00:00Z') });
  await ingestEvent(db, ws, {
    id: orderId, type: 'order', occurredAt: '2026-03-02T00:00:00Z',
    data: { customer: { externalId: `c-${orderId}` }, currency: 'USD', visitorId, coupons: [], lines: [{ product: 'x', amount: '50.00', recurring: false }] },
  }, { source: 'api', now: new Date('2026-03-02T00:00:00Z') });
  return orderId;
}

const refundOf = (orderId: string) => ({ id: uniq('r'), type: 'refund' as const, occurredAt: '2026-03-03T00:00:00Z', data: { orderId } });

describe('partner.enrolled', () => {
  it('is queued when someone joins through the join page, with the enrollment, the partner and the program', async () => {
    const m = await createMerchant(db);
    await saveSecret(db, m.scope.workspaceId, 'outbound', 'whsec_join', URL);
    const email = `${uniq('join')}@p.test`;
    const at = new Date('2026-04-01T10:00:00Z');
    await joinProgram(db, { workspaceSlug: m.workspaceSlug, programSlug: m.programSlug }, { form: { name: 'Jo', company: '', email, password: 'correct-horse-battery' } }, at);
    const [d, ...more] = await queued(m.scope.workspaceId, 'partner.enrolled');
    expect(more).toEqual([]);
    expect(d.payload).toMatchObject({
      type: 'partner.enrolled', createdAt: at.toISOString(),
      data: {
        enrollment: { id: expect.any(String), partner_id: expect.any(String), program_id: m.programId, status: 'pending', created_at: at.toISOString() },
        partner: { email, name: 'Jo' }, program: { id: m.programId, name: 'Referrals' },
      },
    });
    expect((d.payload.data as { partner: { id: string } }).partner.id).toBe((d.payload.data as { enrollment: { partner_id: string } }).enrollment.partner_id);
  });

  it('is not queued when the join rolls back, nor for a repeated application', async () => {
    const m = await createMerchant(db);
    await saveSecret(db, m.scope.workspaceId, 'outbound', 'whsec_join', URL);
    const form = { name: 'Jo', company: '', email: `${uniq('join')}@p.test`, password: 'correct-horse-battery' };
    const target = { workspaceSlug: m.workspaceSlug, programSlug: m.programSlug };
    await inRolledBackTransaction((tx) => joinProgram(tx, target, { form }));
    expect(await queued(m.scope.workspaceId, 'partner.enrolled')).toEqual([]);
    await joinProgram(db, target, { form });
    const again = await joinProgram(db, target, { form });
    expect(again.alreadyEnrolled).toBe(true);
    expect(await queued(m.scope.workspaceId, 'partner.enrolled')).toHaveLength(1);
  });
});

describe('enrollment.decided', () => {
  it('carries the new and the previous status and the reason, once per decision', async () => {
    const s = await shop();
    const at = new Date('2026-04-02T00:00:00Z');
    await inRolledBackTransaction((tx) => changeEnrollmentStatus(tx, { workspaceId: s.ws, userId: null }, s.pending, 'approved', at));
    expect(await queued(s.ws, 'enrollment.decided')).toEqual([]);
    await changeEnrollmentStatus(db, { workspaceId: s.ws, userId: null }, s.pending, 'approved', at, 'Welcome');
    await changeEnrollmentStatus(db, { workspaceId: s.ws, userId: null }, s.pending, 'approved', at); // no change: nothing to announce
    await changeEnrollmentStatus(db, { workspaceId: s.ws, userId: null }, s.pending, 'suspended', new Date('2026-04-03T00:00:00Z'), 'Spam');
    const rows = (await queued(s.ws, 'enrollment.decided')).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(rows.map((r) => r.payload.data)).toEqual([
      {
        enrollment: { id: s.pending, partner_id: s.y, program_id: s.program, status: 'approved', previous_status: 'pending', reason: 'Welcome', decided_at: at.toISOString() },
        partner: { id: s.y, name: 'y' }, program: { id: s.program, name: 'p' },
      },
      expect.objectContaining({ enrollment: expect.objectContaining({ status: 'suspended', previous_status: 'approved', reason: 'Spam' }) }),
    ]);
  });
});

describe('deal.registered and deal.decided', () => {
  it('announce the registration and its decision with the deal in snake_case', async () => {
    const s = await shop();
    const registeredAt = new Date('2026-04-01T00:00:00Z');
    const expiresAt = new Date('2026-05-01T00:00:00Z');
    const input = { partnerId: s.x, programId: s.program, match: { email: 'Buyer@Acme.test' }, prospectName: 'Acme', registeredAt, expiresAt };
    await inRolledBackTransaction((tx) => registerDeal(tx, s.ws, input));
    expect(await queued(s.ws, 'deal.registered')).toEqual([]);
    const { id } = await registerDeal(db, s.ws, input);
    const [registered, ...moreRegistered] = await queued(s.ws, 'deal.registered');
    expect(moreRegistered).toEqual([]);
    expect(registered.payload.data).toEqual({
      deal: {
        id, partner_id: s.x, program_id: s.program, status: 'pending', match_type: 'email', match_value: 'buyer@acme.test', prospect_name: 'Acme',
        registered_at: registeredAt.toISOString(), expires_at: expiresAt.toISOString(),
      },
    });

    const decidedAt = new Date('2026-04-05T00:00:00Z');
    await inRolledBackTransaction((tx) => decideDeal(tx, s.ws, id, 'approved', decidedAt));
    expect(await queued(s.ws, 'deal.decided')).toEqual([]);
    await decideDeal(db, s.ws, id, 'approved', decidedAt);
    await expect(decideDeal(db, s.ws, id, 'rejected', decidedAt)).rejects.toThrow(); // decided already: nothing more
    const decided = await queued(s.ws, 'deal.decided');
    expect(decided.map((d) => d.payload.data)).toEqual([
      { deal: { id, partner_id: s.x, program_id: s.program, status: 'approved', match_type: 'email', match_value: 'buyer@acme.test', prospect_name: 'Acme', decided_at: decidedAt.toISOString() } },
    ]);
  });
});

describe('entry.reversed', () => {
  it('is queued for each reversal a refund writes, naming the entry it reverses', async () => {
    const s = await shop();
    const orderId = await sale(s.ws, s.code);
    const [commission] = (await queued(s.ws, 'entry.created')).map((d) => (d.payload.data as { entry: { id: string } }).entry);
    await inRolledBackTransaction((tx) => ingestEvent(tx, s.ws, refundOf(orderId), { source: 'api' }));
    expect(await queued(s.ws, 'entry.reversed')).toEqual([]);
    const refund = refundOf(orderId);
    await ingestEvent(db, s.ws, refund, { source: 'api' });
    await ingestEvent(db, s.ws, refund, { source: 'api' }); // the same event again: a duplicate, nothing new
    const rows = await queued(s.ws, 'entry.reversed');
    expect(rows.map((r) => r.payload.data)).toEqual([
      {
        entry: {
          id: expect.any(String), kind: 'reversal', partner_id: s.x, program_id: s.program, rule: 'per_order', amount: '-10.00', unit: 'USD',
          reverses_entry_id: commission.id, order_id: orderId,
        },
        refund: { event_id: refund.id, order_id: orderId, amount: '50', unit: 'USD' },
      },
    ]);
  });

  it('says clawback when the reward was paid out already', async () => {
    const s = await shop();
    const orderId = await sale(s.ws, s.code);
    await createPayoutBatch(db, s.ws, { reference: uniq('b'), at: new Date('2026-03-05T00:00:00Z') });
    await ingestEvent(db, s.ws, refundOf(orderId), { source: 'api' });
    const [row] = await queued(s.ws, 'entry.reversed');
    expect(row.payload.data).toMatchObject({ entry: { kind: 'clawback', amount: '-10.00', unit: 'USD' } });
  });
});

describe('payout.failed', () => {
  it('is queued when a transfer is marked failed, with the reason', async () => {
    const s = await shop();
    await sale(s.ws, s.code);
    const batch = await createPayoutBatch(db, s.ws, { reference: 'B-1', at: new Date('2026-03-05T00:00:00Z') });
    const payout = batch.payouts[0];
    const at = new Date('2026-03-06T00:00:00Z');
    await inRolledBackTransaction((tx) => markPayoutFailed(tx, s.ws, payout.id, 'IBAN rejected', at));
    expect(await queued(s.ws, 'payout.failed')).toEqual([]);
    await markPayoutFailed(db, s.ws, payout.id, 'IBAN rejected', at);
    await expect(markPayoutFailed(db, s.ws, payout.id, 'again', at)).rejects.toThrow();
    const rows = await queued(s.ws, 'payout.failed');
    expect(rows.map((r) => r.payload)).toEqual([
      {
        type: 'payout.failed', createdAt: at.toISOString(),
        data: { payout: { id: payout.id, batch_id: batch.batchId, batch_reference: 'B-1', partner_id: s.x, amount: '10.00', unit: 'USD', status: 'failed', failure_reason: 'IBAN rejected', failed_at: at.toISOString() } },
      },
    ]);
  });
});

describe('a workspace without an endpoint', () => {
  it('queues none of the new topics', async () => {
    const m = await createMerchant(db);
    await joinProgram(db, { workspaceSlug: m.workspaceSlug, programSlug: m.programSlug }, { form: { name: 'Jo', company: '', email: `${uniq('j')}@p.test`, password: 'correct-horse-battery' } });
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, m.scope.workspaceId))).toEqual([]);
  });
});
