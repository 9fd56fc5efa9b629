import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { testDatabase } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer } from '../helpers/actions';
import { saveSecret } from '../../lib/server/secrets';
import { verifySignature } from '../../lib/server/signatures';
import { findOutboundEndpoint } from '../../db/queries/webhooks';
import { auditLog, webhookDeliveries } from '../../db/schema';
import { webhookReceiver } from '../helpers/webhook-receiver';

// The buttons of Settings → Webhooks: the signed test-send (answered now, kept in the log, never
// retried, never counted towards disabling), the re-send of one delivery, and who may press them.
// The merchant's endpoint is a loopback server; the real actions run with only the session mocked.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { sendTestWebhookAction, reenableWebhookEndpointAction, resendWebhookDeliveryAction } = await import('../../lib/actions/webhooks');
const { sendTestWebhook } = await import('../../lib/server/webhooks/test-send');
const { resendWebhookDelivery } = await import('../../lib/server/webhooks/resend');
const { deliverDueWebhooks } = await import('../../lib/server/webhooks/deliver');

const db = testDatabase();
const SECRET = 'whsec_manual_test';

// a merchant endpoint on loopback that records what it receives and answers with `endpoint.status`
const endpoint = webhookReceiver();

async function merchantWithEndpoint() {
  const m = await createMerchant(db);
  await saveSecret(db, m.scope.workspaceId, 'outbound', SECRET, endpoint.url);
  return m;
}
const rowOf = async (id: string) => (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];

describe('the test-send', () => {
  it('posts a signed webhook.test now and logs it delivered with the status code', async () => {
    const m = await merchantWithEndpoint();
    endpoint.status = 200;
    const sent = await sendTestWebhook(db, m.scope);
    expect(sent).toMatchObject({ ok: true, statusCode: 200, error: null });
    const got = endpoint.received.find((r) => r.id === sent.deliveryId)!;
    expect(verifySignature(SECRET, got.signature, got.body)).toEqual({ ok: true });
    expect(JSON.parse(got.body)).toMatchObject({ id: sent.deliveryId, type: 'webhook.test', data: { workspace: { id: m.scope.workspaceId, slug: m.workspaceSlug } } });
    expect(await rowOf(sent.deliveryId)).toMatchObject({ topic: 'webhook.test', status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null });
  });

  it('logs a refusal as failed, is never retried, and does not count towards disabling', async () => {
    const m = await merchantWithEndpoint();
    endpoint.status = 500;
    const sent = await sendTestWebhook(db, m.scope);
    expect(sent).toMatchObject({ ok: false, statusCode: 500, error: 'HTTP 500' });
    expect(await rowOf(sent.deliveryId)).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(await findOutboundEndpoint(db, m.scope.workspaceId)).toMatchObject({ consecutiveFailures: 0, disabledAt: null });
    const before = endpoint.received.length;
    const run = await deliverDueWebhooks(db, { now: new Date('2199-01-01T00:00:00Z'), workspaceId: m.scope.workspaceId });
    expect(run).toEqual({ delivered: 0, retried: 0, failed: 0, held: 0 });
    expect(endpoint.received.length).toBe(before);
  });

  it('says what went wrong when nothing answers, and asks for an endpoint first when there is none', async () => {
    const m = await createMerchant(db);
    await expect(sendTestWebhook(db, m.scope)).rejects.toMatchObject({ code: 'invalid_input', fields: { url: 'is required' } });
    // a port that was just free and is closed again: the connection is refused
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await saveSecret(db, m.scope.workspaceId, 'outbound', SECRET, `http://127.0.0.1:${port}/closed`);
    const sent = await sendTestWebhook(db, m.scope);
    expect(sent).toMatchObject({ ok: false, statusCode: null, error: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('re-sending one delivery', () => {
  it('queues a copy pointing at the original, audited, which the next run sends with a new id', async () => {
    const m = await merchantWithEndpoint();
    endpoint.status = 200;
    const original = await sendTestWebhook(db, m.scope);
    const at = new Date('2198-01-01T00:00:00Z');
    const copy = await resendWebhookDelivery(db, m.scope.workspaceId, m.userId, original.deliveryId, at);
    const row = await rowOf(copy.id);
    const first = await rowOf(original.deliveryId);
    expect(row).toMatchObject({ status: 'queued', attempts: 0, topic: 'webhook.test', resentFromId: original.deliveryId, payload: first.payload, nextAttemptAt: at });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, m.scope.workspaceId), eq(auditLog.action, 'webhook.delivery_resent')));
    expect(audit).toMatchObject({ actorUserId: m.userId, subjectId: copy.id, data: { resentFromId: original.deliveryId, topic: 'webhook.test' } });

    // still queued: re-sending it would only send it twice
    await expect(resendWebhookDelivery(db, m.scope.workspaceId, m.userId, copy.id)).rejects.toMatchObject({ code: 'conflict' });
    expect((await deliverDueWebhooks(db, { now: at, workspaceId: m.scope.workspaceId })).delivered).toBe(1);
    const got = endpoint.received.find((r) => r.id === copy.id)!;
    expect(JSON.parse(got.body)).toMatchObject({ id: copy.id, type: 'webhook.test', createdAt: first.payload.createdAt });
    expect(await rowOf(copy.id)).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
  });

  it("finds no delivery of another workspace", async () => {
    const a = await merchantWithEndpoint();
    const b = await merchantWithEndpoint();
    const theirs = await sendTestWebhook(db, b.scope);
    await expect(resendWebhookDelivery(db, a.scope.workspaceId, a.userId, theirs.deliveryId)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the buttons’ actions', () => {
  const signInAs = (user: { id: string; email: string }) => (session.current = { user: { id: user.id, email: user.email } });
  let a: Awaited<ReturnType<typeof createMerchant>>;
  let b: Awaited<ReturnType<typeof createMerchant>>;
  let people: Awaited<ReturnType<typeof financeAndViewer>>;
  let deliveryId: string;
  beforeAll(async () => {
    a = await merchantWithEndpoint();
    b = await merchantWithEndpoint();
    people = await financeAndViewer(db, b.scope.workspaceId);
    endpoint.status = 200;
    deliveryId = (await sendTestWebhook(db, b.scope)).deliveryId;
  });
  const calls = [
    { name: 'send test', call: (slug: string) => sendTestWebhookAction(slug) },
    { name: 're-enable', call: (slug: string) => reenableWebhookEndpointAction(slug) },
    { name: 're-send', call: (slug: string) => resendWebhookDeliveryAction(slug, deliveryId) },
  ];

  it.each(calls)('$name is refused to viewers, finance members and other workspaces’ owners, and changes nothing', async ({ call }) => {
    const before = (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, b.scope.workspaceId))).length;
    signInAs(people.viewer);
    expect(await call(b.workspaceSlug)).toMatchObject({ ok: false, message: expect.stringMatching(/^Your role \(viewer\) cannot do this/) });
    signInAs(people.finance);
    expect(await call(b.workspaceSlug)).toMatchObject({ ok: false, message: expect.stringMatching(/^Your role \(finance\) cannot do this/) });
    signInAs({ id: a.userId, email: a.email });
    expect(await call(b.workspaceSlug)).toMatchObject({ ok: false, message: 'Workspace not found.' });
    session.current = null;
    expect(await call(b.workspaceSlug)).toMatchObject({ ok: false, message: expect.stringContaining('sign in') });
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, b.scope.workspaceId))).toHaveLength(before);
  });

  it('work for an owner: the test-send reports the answer, the re-send queues, re-enable says there is nothing to do', async () => {
    signInAs({ id: b.userId, email: b.email });
    endpoint.status = 200;
    expect(await sendTestWebhookAction(b.workspaceSlug)).toMatchObject({ ok: true, message: expect.stringMatching(/^Test delivered: your endpoint answered HTTP 200 in \d+ ms\.$/) });
    endpoint.status = 503;
    expect(await sendTestWebhookAction(b.workspaceSlug)).toEqual({ ok: false, message: 'Test failed: HTTP 503.' });
    expect(await resendWebhookDeliveryAction(b.workspaceSlug, deliveryId)).toMatchObject({ ok: true });
    expect(await resendWebhookDeliveryAction(b.workspaceSlug, 'not-an-id')).toMatchObject({ ok: false, fields: { deliveryId: 'not a delivery id' } });
    expect(await reenableWebhookEndpointAction(b.workspaceSlug)).toEqual({ ok: true, message: 'The endpoint is already enabled.' });
  });
});
