import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { storeClick } from '../helpers/clicks';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { playStep } from '../../scripts/scenarios/steps';
import type { ScenarioStep } from '../../scripts/scenarios/format';
import { notifications, payoutBatches, payouts } from '../../db/schema';
import { insertUser } from '../../db/queries/users';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { changeEnrollmentStatus } from '../../lib/server/enrollments';
import { decideDeal, registerDeal } from '../../lib/server/rewards/deals';
import { markBatchPayoutsPaid, markPayoutFailed, markPayoutPaid } from '../../lib/server/rewards/payout-settle';
import { enqueuePayoutsSent } from '../../lib/server/notifications/enqueue';
import { enqueuePayableSummaries } from '../../lib/server/notifications/payable';
import { notificationBackoffSeconds, sendDueNotifications, type Sender } from '../../lib/server/notifications/send';
import { savePartnerProfile } from '../../lib/server/partner-profile';
import type { Mail } from '../../lib/server/mailer';

// Partner notification emails end to end against a real database: each kind is queued in the
// transaction of its change (same xmin), once per dedupe key however often the change is replayed,
// and nothing for a change that rolls back; the sender, run twice at the same time, sends each
// email once; opted-out kinds are skipped unsent; a failing mail server is retried with backoff and
// given up after the last attempt. The database is shared with other test files, so every count
// here is over this file's own partners.

const db = testDatabase();
const DAY = 86_400_000;
const AT = new Date('2026-03-01T10:00:00Z');

type Row = typeof notifications.$inferSelect & { xmin: string };

async function rowsOf(partnerId: string): Promise<Row[]> {
  const { rows } = await db.execute<Record<string, unknown>>(
    sql`select id, kind, dedupe_key, payload, status, attempts, next_attempt_at, last_error, sent_at, xmin::text as xmin from notifications where partner_id = ${partnerId} order by created_at, dedupe_key`,
  );
  return rows.map((r) => ({
    id: r.id, kind: r.kind, dedupeKey: r.dedupe_key, payload: r.payload, status: r.status, attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at as string), lastError: r.last_error, sentAt: r.sent_at ? new Date(r.sent_at as string) : null, xmin: r.xmin,
  }) as Row);
}

async function auditXmin(subjectType: string, subjectId: string, action: string): Promise<string[]> {
  const { rows } = await db.execute<{ xmin: string }>(
    sql`select xmin::text as xmin from audit_log where subject_type = ${subjectType} and subject_id = ${subjectId} and action = ${action} order by seq`,
  );
  return rows.map((r) => r.xmin);
}

/** A sender that records what it was given (and can be told to wait or to fail). */
function recordingSender(opts: { delayMs?: number; fail?: (mail: Mail) => boolean } = {}) {
  const mails: Mail[] = [];
  const send: Sender = async (mail) => {
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (opts.fail?.(mail)) throw new Error('421 mail server busy');
    mails.push(mail);
  };
  return { mails, send };
}

/** Runs the sender until it finds nothing more that is due at `now`. */
async function drain(send: Sender, now = new Date(), limit = 50) {
  for (let i = 0; i < 100; i++) {
    const run = await sendDueNotifications(db, { now, send, limit, origin: 'https://app.test' });
    if (run.sent + run.skipped + run.retried + run.failed === 0) return;
  }
  throw new Error('the sender never ran dry');
}

let merchant: Awaited<ReturnType<typeof createMerchant>>;

beforeAll(async () => {
  merchant = await createMerchant(db);
});

/** A partner with an account and a pending application to the merchant's program. */
async function applicant() {
  const user = await insertUser(db, { email: `${uniq('pat')}@p.test`, name: 'Pat', passwordHash: 'x' });
  const partner = await insertPartner(db, merchant.scope.workspaceId, { email: user.email, name: 'Pat Partner', userId: user.id });
  const enrollment = await insertEnrollment(db, { workspaceId: merchant.scope.workspaceId, partnerId: partner.id, programId: merchant.programId, status: 'pending', at: AT });
  return { user, partnerId: partner.id, enrollmentId: enrollment!.id };
}

const owner = () => ({ workspaceId: merchant.scope.workspaceId, userId: merchant.userId });

describe('queued with the change', () => {
  it('an application decision, in the decision’s transaction, once per decision', async () => {
    const { partnerId, enrollmentId } = await applicant();
    await changeEnrollmentStatus(db, owner(), enrollmentId, 'rejected', AT, 'Not a fit for now');
    // replayed: the same decision again changes nothing and queues nothing
    await changeEnrollmentStatus(db, owner(), enrollmentId, 'rejected', AT, 'Not a fit for now');
    await changeEnrollmentStatus(db, owner(), enrollmentId, 'approved', new Date(AT.getTime() + DAY));
    // suspending and reinstating are not decisions on an application
    await changeEnrollmentStatus(db, owner(), enrollmentId, 'suspended', new Date(AT.getTime() + 2 * DAY));
    await changeEnrollmentStatus(db, owner(), enrollmentId, 'approved', new Date(AT.getTime() + 3 * DAY));

    const rows = await rowsOf(partnerId);
    expect(rows.map((r) => [r.kind, (r.payload as { decision: string }).decision, r.status])).toEqual([
      ['application_decided', 'rejected', 'queued'],
      ['application_decided', 'approved', 'queued'],
    ]);
    expect(rows[0].payload).toMatchObject({ enrollmentId, programName: 'Referrals', reason: 'Not a fit for now' });
    const { rows: changes } = await db.execute<{ id: string }>(sql`select id from enrollment_status_changes where enrollment_id = ${enrollmentId} order by seq`);
    // changes: pending (applied), rejected, approved, suspended, approved
    expect(rows.map((r) => r.dedupeKey)).toEqual([`application_decided:${enrollmentId}:${changes[1].id}`, `application_decided:${enrollmentId}:${changes[2].id}`]);
    expect(rows.map((r) => r.xmin)).toEqual([...(await auditXmin('enrollment', enrollmentId, 'enrollment.rejected')), (await auditXmin('enrollment', enrollmentId, 'enrollment.approved'))[0]]);
  });

  it('nothing for a decision that rolls back', async () => {
    const { partnerId, enrollmentId } = await applicant();
    await expect(
      db.transaction(async (tx) => {
        await changeEnrollmentStatus(tx as unknown as Database, owner(), enrollmentId, 'approved', AT);
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    expect(await rowsOf(partnerId)).toEqual([]);
  });

  it('a deal decision, in the decision’s transaction, once', async () => {
    const { partnerId, enrollmentId } = await applicant();
    await changeEnrollmentStatus(db, owner(), enrollmentId, 'approved', AT);
    const deal = await registerDeal(db, merchant.scope.workspaceId, {
      partnerId, programId: merchant.programId, match: { emailDomain: 'acme.example' }, prospectName: 'Acme Corp', registeredAt: AT, expiresAt: new Date(AT.getTime() + 30 * DAY),
    });
    await decideDeal(db, merchant.scope.workspaceId, deal.id, 'approved', AT, merchant.userId);
    // replayed: the registration is no longer pending, so the decision is refused and nothing is queued
    await expect(decideDeal(db, merchant.scope.workspaceId, deal.id, 'approved', AT, merchant.userId)).rejects.toThrow('No pending deal registration');

    const rows = (await rowsOf(partnerId)).filter((r) => r.kind === 'deal_decided');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dedupeKey: `deal_decided:${deal.id}`, payload: { dealId: deal.id, prospectName: 'Acme Corp', programName: 'Referrals', decision: 'approved' } });
    const { rows: dealRows } = await db.execute<{ xmin: string }>(sql`select xmin::text as xmin from deal_registrations where id = ${deal.id}`);
    expect(rows[0].xmin).toBe(dealRows[0].xmin);
    expect(await auditXmin('deal', deal.id, 'deal.approved')).toEqual([rows[0].xmin]);
  });

  it('payouts paid (one and in bulk) and failed, each in its settlement’s transaction, once', async () => {
    const ws = await workspaceWithPayouts();
    const [a, b, c] = ['a', 'b', 'c'].map((k) => ws.partners.get(k)!);
    const payoutOf = async (partnerId: string) => (await db.select().from(payouts).where(and(eq(payouts.workspaceId, ws.workspaceId), eq(payouts.partnerId, partnerId))))[0];
    const [pa, pb, pc] = [await payoutOf(a), await payoutOf(b), await payoutOf(c)];

    await markPayoutPaid(db, ws.workspaceId, pa.id, 'TRF-1', AT);
    await expect(markPayoutPaid(db, ws.workspaceId, pa.id, 'TRF-1', AT)).rejects.toThrow(/paid already/);
    await markPayoutFailed(db, ws.workspaceId, pc.id, 'IBAN rejected by the bank', AT);
    await markBatchPayoutsPaid(db, ws.workspaceId, pa.batchId, undefined, 'TRF-BULK', AT);
    // replayed bulk: nothing is processing any more, nothing is queued
    expect((await markBatchPayoutsPaid(db, ws.workspaceId, pa.batchId, undefined, 'TRF-BULK', AT)).paid).toEqual([]);

    const [ra, rb, rc] = [await rowsOf(a), await rowsOf(b), await rowsOf(c)];
    expect(ra.map((r) => [r.kind, r.dedupeKey])).toEqual([['payout_sent', `payout_sent:${pa.id}`]]);
    expect(ra[0].payload).toMatchObject({ payoutId: pa.id, amount: pa.amount, unit: 'USD', reference: 'TRF-1' });
    expect(rb.map((r) => [r.kind, r.dedupeKey, (r.payload as { reference: string }).reference])).toEqual([['payout_sent', `payout_sent:${pb.id}`, 'TRF-BULK']]);
    expect(rc.map((r) => [r.kind, r.dedupeKey])).toEqual([['payout_failed', `payout_failed:${pc.id}`]]);
    expect(rc[0].payload).toMatchObject({ reason: 'IBAN rejected by the bank', amount: pc.amount, unit: 'USD' });
    for (const [row, payoutId, action] of [[ra[0], pa.id, 'payout.marked_paid'], [rb[0], pb.id, 'payout.marked_paid'], [rc[0], pc.id, 'payout.marked_failed']] as const) {
      expect(await auditXmin('payout', payoutId, action)).toEqual([row.xmin]);
    }
  });

  it('the same dedupe key queued twice is one row', async () => {
    const { partnerId } = await applicant();
    const payoutId = randomUUID();
    await enqueuePayoutsSent(db, merchant.scope.workspaceId, [{ id: payoutId, partnerId, amount: '10.00', unit: 'USD' }], 'R-1', AT);
    await enqueuePayoutsSent(db, merchant.scope.workspaceId, [{ id: payoutId, partnerId, amount: '10.00', unit: 'USD' }], 'R-2', AT);
    const rows = await rowsOf(partnerId);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({ reference: 'R-1' });
  });
});

/** Three partners with a 100.00 / 60.00 / 30.00 USD payout each in one processing batch. */
async function workspaceWithPayouts() {
  const code = uniq('nt');
  const ids = await setUpScenario(db, {
    title: 'notifications',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'cash', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
    partners: ['a', 'b', 'c'].map((k) => ({ key: k, email: `${k}-${code}@p.test`, enrollments: [{ program: 'cash' }], links: [{ code: `${code}-${k}`, program: 'cash' }] })),
    steps: [],
    expect: { entries: [] },
  });
  const totals = { a: '1000.00', b: '600.00', c: '300.00' };
  for (const [i, k] of (['a', 'b', 'c'] as const).entries()) {
    await storeClick(db, ids.workspaceId, { linkCode: `${code}-${k}`, visitorId: `v-${k}`, at: new Date(`2026-01-0${i + 1}T00:00:00Z`) });
    const step: ScenarioStep = { at: `2026-01-0${i + 1}T01:00:00Z`, order: { id: `o-${k}`, customer: `c-${k}`, visitor: `v-${k}`, currency: 'USD', lines: [{ product: 'x', amount: totals[k] }] } };
    expect(await playStep(db, ids, step, i)).toBeUndefined();
  }
  expect(await playStep(db, ids, { at: '2026-02-01T00:00:00Z', payout: { batch: 'feb' } }, 3)).toBeUndefined();
  expect(await db.select().from(payoutBatches).where(eq(payoutBatches.workspaceId, ids.workspaceId))).toHaveLength(1);
  return ids;
}

describe('rewards that became payable', () => {
  it('one summary per partner and day with the amounts per unit, starting where the last one ended', async () => {
    const code = uniq('pay');
    const ids = await setUpScenario(db, {
      title: 'payable summaries',
      workspace: { baseCurrency: 'USD', units: [{ key: 'points', label: 'Points', precision: 0, baseValue: '0.01' }] },
      programs: [
        { key: 'cash', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 10, rewards: [{ type: 'one_time_share', percent: '10' }] },
        { key: 'pts', unit: 'points', model: 'last_touch', windowDays: 30, holdDays: 10, rewards: [{ type: 'per_order', amount: '100' }] },
      ],
      partners: ['a', 'b'].map((k) => ({
        key: k, email: `${k}-${code}@p.test`, enrollments: [{ program: 'cash' }, { program: 'pts' }], links: [{ code: `${code}-${k}`, program: 'cash' }],
      })),
      steps: [],
      expect: { entries: [] },
    });
    const a = ids.partners.get('a')!;
    const b = ids.partners.get('b')!;
    const T0 = new Date('2026-04-01T09:00:00Z');
    const at = (ms: number) => new Date(T0.getTime() + ms);
    await storeClick(db, ids.workspaceId, { linkCode: `${code}-a`, visitorId: 'va', at: T0 });
    await storeClick(db, ids.workspaceId, { linkCode: `${code}-b`, visitorId: 'vb', at: T0 });
    const order = (k: string, id: string, amount: string, when: Date): ScenarioStep => ({
      at: when.toISOString(), order: { id, customer: `c-${k}-${id}`, visitor: `v${k}`, currency: 'USD', lines: [{ product: 'x', amount }] },
    });
    expect(await playStep(db, ids, order('a', 'o1', '250.00', at(60_000)), 0)).toBeUndefined();
    expect(await playStep(db, ids, order('a', 'o2', '120.50', at(120_000)), 1)).toBeUndefined();
    expect(await playStep(db, ids, order('b', 'o3', '400.00', at(60_000)), 2)).toBeUndefined();
    // b's rewards go into a payout as soon as they are payable: nothing of b's is left to announce
    expect(await playStep(db, ids, { at: at(10 * DAY + 30 * 60_000).toISOString(), payout: { batch: 'quick', partners: ['b'] } }, 3)).toBeUndefined();

    const payableRows = async (partnerId: string) => (await rowsOf(partnerId)).filter((r) => r.kind === 'reward_payable');
    // still pending: nothing
    await enqueuePayableSummaries(db, at(5 * DAY));
    expect(await payableRows(a)).toEqual([]);

    const firstRun = at(10 * DAY + 60 * 60_000);
    await enqueuePayableSummaries(db, firstRun);
    await enqueuePayableSummaries(db, at(10 * DAY + 2 * 60 * 60_000)); // the same day again: no second summary
    const [first] = await payableRows(a);
    expect(await payableRows(a)).toHaveLength(1);
    expect(first.dedupeKey).toBe(`reward_payable:${a}:2026-04-11`);
    expect(first.payload).toEqual({
      since: new Date(firstRun.getTime() - 7 * DAY).toISOString(),
      through: firstRun.toISOString(),
      amounts: [{ unit: 'USD', amount: '37.05' }, { unit: 'points', amount: '200' }],
    });
    expect(await payableRows(b)).toEqual([]);

    // the next day: nothing new for a; then an order of day 2 becomes payable on day 12
    await enqueuePayableSummaries(db, at(11 * DAY));
    expect(await payableRows(a)).toHaveLength(1);
    expect(await playStep(db, ids, order('a', 'o4', '80.00', at(2 * DAY)), 4)).toBeUndefined();
    const thirdDay = at(12 * DAY + 60_000);
    await enqueuePayableSummaries(db, thirdDay);
    const rows = await payableRows(a);
    expect(rows).toHaveLength(2);
    expect(rows[1].dedupeKey).toBe(`reward_payable:${a}:2026-04-13`);
    // only the new order's rewards, counted from the end of the first summary
    expect(rows[1].payload).toEqual({ since: firstRun.toISOString(), through: thirdDay.toISOString(), amounts: [{ unit: 'USD', amount: '8.00' }, { unit: 'points', amount: '100' }] });
  });
});

describe('sending', () => {
  afterEach(() => vi.restoreAllMocks());

  it('two runs at the same time send each email exactly once', async () => {
    const partners = await Promise.all(Array.from({ length: 4 }, () => applicant()));
    const queued = new Map<string, string>();
    for (const p of partners) {
      for (let i = 0; i < 5; i++) {
        const payoutId = randomUUID();
        await enqueuePayoutsSent(db, merchant.scope.workspaceId, [{ id: payoutId, partnerId: p.partnerId, amount: `${10 + i}.00`, unit: 'USD' }], `REF-${payoutId}`, AT);
        queued.set(`REF-${payoutId}`, p.user.email);
      }
    }
    const { mails, send } = recordingSender({ delayMs: 5 });
    await Promise.all([drain(send, new Date(), 3), drain(send, new Date(), 3)]);

    const ours = mails.filter((m) => [...queued.keys()].some((ref) => m.text.includes(ref)));
    expect(ours).toHaveLength(20);
    const perReference = new Map<string, number>();
    for (const m of ours) {
      const ref = [...queued.keys()].find((r) => m.text.includes(r))!;
      perReference.set(ref, (perReference.get(ref) ?? 0) + 1);
      expect(m.to).toBe(queued.get(ref));
    }
    expect([...perReference.values()].every((n) => n === 1)).toBe(true);
    for (const p of partners) {
      for (const r of await rowsOf(p.partnerId)) expect(r).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(Date) });
    }
  });

  it('a kind the partner turned off is skipped and never sent; the others still go', async () => {
    const p = await applicant();
    await savePartnerProfile(db, p.user.id, p.partnerId, { notificationPrefs: { payout_sent: false } });
    await enqueuePayoutsSent(db, merchant.scope.workspaceId, [{ id: randomUUID(), partnerId: p.partnerId, amount: '10.00', unit: 'USD' }], 'REF-OFF', AT);
    await changeEnrollmentStatus(db, owner(), p.enrollmentId, 'approved', AT);
    const { mails, send } = recordingSender();
    await drain(send);

    expect(mails.filter((m) => m.to === p.user.email).map((m) => m.subject)).toEqual([`You are approved for Referrals at ${(await workspaceName())}`]);
    const rows = await rowsOf(p.partnerId);
    expect(rows.find((r) => r.kind === 'payout_sent')).toMatchObject({ status: 'skipped', sentAt: null, lastError: 'the partner turned this email off', attempts: 0 });
    expect(rows.find((r) => r.kind === 'application_decided')).toMatchObject({ status: 'sent' });
  });

  it('a failing mail server is retried with backoff, and given up after the last attempt', async () => {
    const p = await applicant();
    await enqueuePayoutsSent(db, merchant.scope.workspaceId, [{ id: randomUUID(), partnerId: p.partnerId, amount: '10.00', unit: 'USD' }], 'REF-RETRY', AT);
    let failing = true;
    const { mails, send } = recordingSender({ fail: (m) => failing && m.to === p.user.email });
    const t0 = new Date();
    await drain(send, t0);
    let [row] = await rowsOf(p.partnerId);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: '421 mail server busy', sentAt: null });
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + notificationBackoffSeconds(1) * 1000);
    // not due before its backoff ends
    await drain(send, new Date(t0.getTime() + 30_000));
    expect((await rowsOf(p.partnerId))[0].attempts).toBe(1);
    failing = false;
    await drain(send, new Date(t0.getTime() + 61_000));
    [row] = await rowsOf(p.partnerId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null, sentAt: expect.any(Date) });
    expect(mails.filter((m) => m.to === p.user.email)).toHaveLength(1);

    // a server that never answers: eight attempts, then failed, never sent
    const q = await applicant();
    await enqueuePayoutsSent(db, merchant.scope.workspaceId, [{ id: randomUUID(), partnerId: q.partnerId, amount: '10.00', unit: 'USD' }], 'REF-DEAD', AT);
    let calls = 0;
    const dead: Sender = async (m) => {
      if (m.to === q.user.email) calls++;
      if (m.to === q.user.email) throw new Error('connection refused');
    };
    for (let i = 0; i < 12; i++) await drain(dead, new Date(t0.getTime() + i * 2 * 3600_000));
    expect(calls).toBe(8);
    expect((await rowsOf(q.partnerId))[0]).toMatchObject({ status: 'failed', attempts: 8, lastError: 'connection refused', sentAt: null });
  });

  it('the job route needs its secret, and without SMTP writes each email as a line in the server log', async () => {
    const job = await import('../../app/api/jobs/send-notifications/route');
    const refused = await job.POST(new Request('http://app.test/api/jobs/send-notifications', { method: 'POST' }));
    expect(refused.status).toBe(401);

    const p = await applicant();
    await changeEnrollmentStatus(db, owner(), p.enrollmentId, 'approved', AT);
    const lines: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void lines.push(String(line)));
    const answer = await job.POST(new Request('http://app.test/api/jobs/send-notifications', { method: 'POST', headers: { authorization: `Bearer ${process.env.JOB_SECRET}` } }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ sent: expect.any(Number), payableQueued: expect.any(Number) });
    const ours = lines.filter((l) => l.includes(p.user.email));
    expect(ours).toEqual([`[mail] SMTP_URL not set; application_decided email to ${p.user.email} (${merchant.workspaceSlug}): You are approved for Referrals at ${await workspaceName()}`]);
    // a second run finds it sent
    await job.GET(new Request('http://app.test/api/jobs/send-notifications', { headers: { 'x-job-secret': process.env.JOB_SECRET! } }));
    expect(lines.filter((l) => l.includes(p.user.email))).toHaveLength(1);
  });
});

async function workspaceName(): Promise<string> {
  const { rows } = await db.execute<{ name: string }>(sql`select name from workspaces where id = ${merchant.scope.workspaceId}`);
  return rows[0].name;
}
