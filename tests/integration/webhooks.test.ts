import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { storeClick } from '../helpers/clicks';
import { createPayoutBatch, markPayoutPaid } from '../../lib/server/rewards/payouts';
import { saveSecret } from '../../lib/server/secrets';
import { verifySignature } from '../../lib/server/signatures';
import { backoffSeconds, deliverDueWebhooks } from '../../lib/server/webhooks/deliver';
import { webhookDeliveries } from '../../db/schema';
import { webhookReceiver } from '../helpers/webhook-receiver';

const db = testDatabase();
// Runs that assert counts deliver only their own workspace (workspaceId): other files' queues
// share the database. The parallel-runs test takes every queue on purpose, as the job does.
const SECRET = 'whsec_outbound_test';

// a merchant endpoint on loopback that records what it receives and answers with `endpoint.status`
const endpoint = webhookReceiver();

async function workspaceWithSale(withEndpoint = true) {
  const code = uniq('wh');
  const ids = await setUpScenario(db, {
    title: 'webhooks', workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'p', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'per_order', amount: '10.00' }] }],
    partners: [{ key: 'x', email: `${code}@p.test`, enrollments: [{ program: 'p' }], links: [{ code }] }],
    steps: [], expect: { entries: [] },
  });
  if (withEndpoint) await saveSecret(db, ids.workspaceId, 'outbound', SECRET, endpoint.url);
  const at = new Date('2026-03-01T00:00:00Z');
  await storeClick(db, ids.workspaceId, { linkCode: code, visitorId: `v-${code}`, at });
  await ingestEvent(db, ids.workspaceId, {
    id: uniq('o'), type: 'order', occurredAt: '2026-03-02T00:00:00Z',
    data: { customer: { externalId: 'c' }, currency: 'USD', visitorId: `v-${code}`, coupons: [], lines: [{ product: 'x', amount: '50.00', recurring: false }] },
  }, { source: 'api', now: new Date('2026-03-02T00:00:00Z') });
  return ids.workspaceId;
}

const deliveriesOf = (workspaceId: string) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, workspaceId));

describe('outbound webhooks', () => {
  it('queues entry.created with the change and delivers it signed like inbound events', async () => {
    endpoint.status = 200;
    const ws = await workspaceWithSale();
    const [queued] = await deliveriesOf(ws);
    expect(queued).toMatchObject({ topic: 'entry.created', status: 'queued' });
    endpoint.received.length = 0;
    const run = await deliverDueWebhooks(db, { now: new Date(), workspaceId: ws });
    expect(run.delivered).toBeGreaterThanOrEqual(1);
    const mine = endpoint.received.find((r) => r.id === queued.id)!;
    expect(verifySignature(SECRET, mine.signature ?? null, mine.body)).toEqual({ ok: true });
    expect(JSON.parse(mine.body)).toMatchObject({ id: queued.id, type: 'entry.created', data: { entry: { amount: '10.00', unit: 'USD' } } });
    expect((await deliveriesOf(ws))[0].status).toBe('delivered');
  });

  it('retries a failing endpoint with backoff, then delivers', async () => {
    const ws = await workspaceWithSale();
    endpoint.status = 500;
    const now = new Date();
    await deliverDueWebhooks(db, { now, workspaceId: ws });
    const [afterFailure] = await deliveriesOf(ws);
    expect(afterFailure).toMatchObject({ status: 'queued', attempts: 1, lastError: 'HTTP 500', lastStatusCode: 500 });
    expect(afterFailure.nextAttemptAt.getTime()).toBe(now.getTime() + backoffSeconds(1) * 1000);
    // not due yet: nothing is sent again
    expect((await deliverDueWebhooks(db, { now: new Date(now.getTime() + 1000), workspaceId: ws })).retried).toBe(0);
    endpoint.status = 200;
    await deliverDueWebhooks(db, { now: new Date(now.getTime() + 31_000), workspaceId: ws });
    expect((await deliveriesOf(ws))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('sends payout.created and payout.paid, each once even with parallel runs', async () => {
    endpoint.status = 200;
    const ws = await workspaceWithSale();
    const batch = await createPayoutBatch(db, ws, { reference: 'b1', at: new Date('2026-03-05T00:00:00Z') });
    await markPayoutPaid(db, ws, batch.payouts[0].id, 'TRF-1', new Date('2026-03-06T00:00:00Z'));
    expect((await deliveriesOf(ws)).map((d) => d.topic).sort()).toEqual(['entry.created', 'payout.created', 'payout.paid']);
    endpoint.received.length = 0;
    await Promise.all([deliverDueWebhooks(db), deliverDueWebhooks(db), deliverDueWebhooks(db)]);
    const ids = (await deliveriesOf(ws)).map((d) => d.id);
    const sent = endpoint.received.filter((r) => ids.includes(r.id!));
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.id)).size).toBe(3);
  });

  it('queues nothing for a workspace without an endpoint', async () => {
    const ws = await workspaceWithSale(false);
    expect(await deliveriesOf(ws)).toEqual([]);
  });
});
