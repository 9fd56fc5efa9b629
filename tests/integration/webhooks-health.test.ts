import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { insertUser } from '../../db/queries/users';
import { insertMember } from '../../db/queries/workspaces';
import { findOutboundEndpoint } from '../../db/queries/webhooks';
import { saveSecret } from '../../lib/server/secrets';
import { enqueueWebhooks } from '../../lib/server/webhooks/outbox';
import { deliverDueWebhooks } from '../../lib/server/webhooks/deliver';
import { reenableWebhookEndpoint } from '../../lib/server/webhooks/endpoint-health';
import type { Mail } from '../../lib/server/mailer';
import { auditLog, webhookDeliveries } from '../../db/schema';

// An endpoint that keeps failing: every attempt without a 2xx counts, a 2xx resets, owners are
// emailed at 5, 10 and 15 failures in a row and when the 20th disables it; its deliveries then
// stay queued and are not attempted until it is re-enabled. The endpoint answers through the
// deliverer's fetchImpl. Each test queues its deliveries in its own far-future minute and delivers
// only its own workspace, so no other test's delivery run takes these rows or the other way round.

const db = testDatabase();
const HOUR = 3_600_000;

type Fetch = typeof fetch;
const answering = (status: number, calls: string[] = [], delayMs = 0): Fetch => async (input) => {
  calls.push(String(input));
  if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  return new Response(status === 204 ? null : 'body', { status });
};

function mailbox() {
  const mails: Mail[] = [];
  return { mails, mail: async (m: Mail) => void mails.push(m) };
}

/** A workspace with two owners and an admin (who is not emailed), and an endpoint. */
async function workspace() {
  const m = await createMerchant(db);
  const second = await insertUser(db, { email: `${uniq('own2')}@merchant.test`, name: 'Second owner', passwordHash: 'x' });
  const admin = await insertUser(db, { email: `${uniq('adm')}@merchant.test`, name: 'Admin', passwordHash: 'x' });
  await insertMember(db, m.scope.workspaceId, second.id, 'owner');
  await insertMember(db, m.scope.workspaceId, admin.id, 'admin');
  await saveSecret(db, m.scope.workspaceId, 'outbound', 'whsec_health', 'https://hooks.example/failing');
  return { ws: m.scope.workspaceId, slug: m.workspaceSlug, ownerId: m.userId, owners: [m.email, second.email].sort(), admin: admin.email };
}

const queue = (ws: string, n: number, at: Date) => enqueueWebhooks(db, ws, 'entry.created', Array.from({ length: n }, (_, i) => ({ n: i })), at);
const auditOf = (ws: string, action: string) => db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, action)));
const deliveriesOf = (ws: string) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, ws));
/** Which failure counts each owner was emailed about, in order. */
const steps = (mails: Mail[], to: string) => mails.filter((m) => m.to === to).map((m) => Number(/(\d+) (?:times|failures) in a row/.exec(m.subject)![1]));

describe('an endpoint that fails 20 times in a row', () => {
  const T = new Date('2101-01-01T00:00:00Z');
  let w: Awaited<ReturnType<typeof workspace>>;
  const { mails, mail } = mailbox();

  it('warns the owners at 5, 10 and 15, disables it at 20 and leaves the rest queued, unattempted', async () => {
    w = await workspace();
    await queue(w.ws, 25, T);
    const calls: string[] = [];
    const run = await deliverDueWebhooks(db, { now: T, fetchImpl: answering(503, calls), mail, workspaceId: w.ws });
    expect(run).toEqual({ delivered: 0, retried: 20, failed: 0, held: 5 });
    expect(calls).toHaveLength(20);

    expect(await findOutboundEndpoint(db, w.ws)).toMatchObject({ consecutiveFailures: 20, disabledAt: T, queued: 25 });
    for (const owner of w.owners) expect(steps(mails, owner)).toEqual([5, 10, 15, 20]);
    expect(mails.some((m) => m.to === w.admin)).toBe(false);
    const disabledMail = mails.find((m) => m.to === w.owners[0] && /disabled/.test(m.subject))!;
    expect(disabledMail.text).toContain('none is lost');
    expect(disabledMail.text).toContain('HTTP 503');

    const [audit, ...more] = await auditOf(w.ws, 'webhook.endpoint_disabled');
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ actorUserId: null, subjectType: 'webhook', subjectId: 'outbound', after: { disabled: true }, data: { consecutiveFailures: 20, lastError: 'HTTP 503' } });

    const rows = await deliveriesOf(w.ws);
    expect(rows.every((r) => r.status === 'queued')).toBe(true);
    expect(rows.filter((r) => r.attempts === 1).every((r) => r.lastStatusCode === 503 && r.lastError === 'HTTP 503')).toBe(true);
    expect(rows.filter((r) => r.attempts === 0)).toHaveLength(5);

    // a day later nothing is attempted, nothing more is counted or emailed
    const later = await deliverDueWebhooks(db, { now: new Date(T.getTime() + 24 * HOUR), fetchImpl: answering(503, calls), mail, workspaceId: w.ws });
    expect(later).toEqual({ delivered: 0, retried: 0, failed: 0, held: 0 });
    expect(calls).toHaveLength(20);
    expect(mails).toHaveLength(8);
  });

  it('re-enabling resets the count, is audited, and sends every queued delivery', async () => {
    const at = new Date(T.getTime() + 25 * HOUR);
    expect(await reenableWebhookEndpoint(db, w.ws, w.ownerId, at)).toEqual({ changed: true });
    expect(await findOutboundEndpoint(db, w.ws)).toMatchObject({ consecutiveFailures: 0, disabledAt: null });
    const [audit] = await auditOf(w.ws, 'webhook.endpoint_reenabled');
    expect(audit).toMatchObject({ actorUserId: w.ownerId, before: { disabled: true, consecutiveFailures: 20 }, after: { disabled: false, consecutiveFailures: 0 } });
    // re-enabling an enabled endpoint changes nothing and writes no second audit row
    expect(await reenableWebhookEndpoint(db, w.ws, w.ownerId, at)).toEqual({ changed: false });
    expect(await auditOf(w.ws, 'webhook.endpoint_reenabled')).toHaveLength(1);

    // the failed ones were due in a backoff, the unattempted ones long ago: all are due now
    const run = await deliverDueWebhooks(db, { now: at, fetchImpl: answering(204), mail, workspaceId: w.ws });
    expect(run).toEqual({ delivered: 25, retried: 0, failed: 0, held: 0 });
    expect((await deliveriesOf(w.ws)).every((r) => r.status === 'delivered')).toBe(true);
    expect(mails).toHaveLength(8);
  });

  it('refuses to re-enable where there is no endpoint', async () => {
    const m = await createMerchant(db);
    await expect(reenableWebhookEndpoint(db, m.scope.workspaceId, m.userId)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('parallel delivery runs', () => {
  it('count each failed attempt once and email each step once', async () => {
    const T = new Date('2102-01-01T00:00:00Z');
    const w = await workspace();
    const { mails, mail } = mailbox();
    await queue(w.ws, 40, T);
    const calls: string[] = [];
    // rounds of five runs at once until nothing is left to take (SKIP LOCKED may leave rows to a later round)
    for (let round = 0; round < 20; round++) {
      const runs = await Promise.all(Array.from({ length: 5 }, () => deliverDueWebhooks(db, { now: T, limit: 3, fetchImpl: answering(500, calls, 5), mail, workspaceId: w.ws })));
      if (runs.every((r) => r.retried + r.held === 0)) break;
    }
    expect(await findOutboundEndpoint(db, w.ws)).toMatchObject({ consecutiveFailures: 20, disabledAt: T });
    for (const owner of w.owners) expect(steps(mails, owner)).toEqual([5, 10, 15, 20]);
    expect(await auditOf(w.ws, 'webhook.endpoint_disabled')).toHaveLength(1);
    // every attempt is one leased delivery: none was sent twice
    const rows = await deliveriesOf(w.ws);
    expect(rows.every((r) => r.attempts <= 1)).toBe(true);
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(calls.length);
    expect(calls.length).toBeGreaterThanOrEqual(20);
  });
});

describe('a 2xx answer', () => {
  it('starts the count again, so warnings come per streak', async () => {
    const T = new Date('2103-01-01T00:00:00Z');
    const w = await workspace();
    const { mails, mail } = mailbox();
    await queue(w.ws, 4, T);
    await deliverDueWebhooks(db, { now: T, fetchImpl: answering(500), mail, workspaceId: w.ws });
    expect(await findOutboundEndpoint(db, w.ws)).toMatchObject({ consecutiveFailures: 4 });

    const retry = new Date(T.getTime() + HOUR);
    expect((await deliverDueWebhooks(db, { now: retry, fetchImpl: answering(200), mail, workspaceId: w.ws })).delivered).toBe(4);
    expect(await findOutboundEndpoint(db, w.ws)).toMatchObject({ consecutiveFailures: 0 });

    await queue(w.ws, 6, retry);
    await deliverDueWebhooks(db, { now: retry, fetchImpl: answering(404), mail, workspaceId: w.ws });
    expect(await findOutboundEndpoint(db, w.ws)).toMatchObject({ consecutiveFailures: 6, disabledAt: null });
    for (const owner of w.owners) expect(steps(mails, owner)).toEqual([5]);
    // a refused connection counts like an error status
    await queue(w.ws, 1, retry);
    const refused: Fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    };
    await deliverDueWebhooks(db, { now: retry, fetchImpl: refused, mail, workspaceId: w.ws });
    expect(await findOutboundEndpoint(db, w.ws)).toMatchObject({ consecutiveFailures: 7 });
    const last = (await deliveriesOf(w.ws)).find((r) => r.lastError?.includes('ECONNREFUSED'));
    expect(last).toMatchObject({ lastStatusCode: null, lastError: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9' });
  });
});
