import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createDatabase, type Database } from '../../db/client';
import { freshDatabaseFactory } from '../../scripts/lib/fresh-databases';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer, formOf } from '../helpers/actions';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { playStep } from '../../scripts/scenarios/steps';
import type { Scenario } from '../../scripts/scenarios/format';
import { findEventDetail } from '../../db/queries/events';
import { findEntry, listWorkspaceLedger, type LedgerListQuery } from '../../db/queries/ledger-list';
import { customerBindings, findCustomer } from '../../db/queries/customer-detail';
import { idsIn, namesForIds } from '../../db/queries/names';
import { entryStatus } from '../../components/ledger/ledger-table';
import { explainEntry } from '../../lib/explain/entry';
import { explainEvent } from '../../lib/explain/event';
import type { ExplainSection, JsonObject } from '../../lib/explain/types';
import { auditLog, bindings, customers, events, ledgerEntries } from '../../db/schema';

// The customer, event and ledger pages' back end: the manual-binding action through its wrapper
// (roles, tenancy, a required reason, the reason in later rewards), the plain-words explanations
// of real entries written by the services, and the ledger's filters.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { bindCustomerAction } = await import('../../lib/actions/bindings');

const db = testDatabase();
const signInAs = (user: { id: string; email: string }) => (session.current = { user: { id: user.id, email: user.email } });
const text = (sections: ExplainSection[]) => sections.flatMap((s) => s.lines.map((l) => l.text)).join('\n');

async function order(workspaceId: string, id: string, customer: string, extra: Record<string, unknown> = {}, at = new Date()) {
  return ingestEvent(db, workspaceId, {
    id, type: 'order', occurredAt: at.toISOString(),
    data: { customer: { externalId: customer }, currency: 'USD', lines: [{ product: 'suite', amount: '200.00', recurring: false }], coupons: [], ...extra },
  } as never, { source: 'api', now: at });
}

async function customerId(workspaceId: string, externalId: string) {
  const [row] = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.externalId, externalId)));
  return row.id;
}

describe('binding a customer by hand', () => {
  let a: Awaited<ReturnType<typeof createMerchant>>;
  let b: Awaited<ReturnType<typeof createMerchant>>;
  let members: Awaited<ReturnType<typeof financeAndViewer>>;
  let ada: string;
  let ben: string;
  let pending: string;
  let customerOfB: string;
  let customerOfA: string;
  let partnerOfA: string;

  beforeAll(async () => {
    a = await createMerchant(db);
    b = await createMerchant(db);
    members = await financeAndViewer(db, b.scope.workspaceId);
    const past = new Date(Date.now() - 86_400_000);
    for (const [name, status] of [['Ada', 'approved'], ['Ben', 'approved'], ['Pat', 'pending']] as const) {
      const { id } = await insertPartner(db, b.scope.workspaceId, { email: `${uniq(name)}@p.test`, name });
      await insertEnrollment(db, { workspaceId: b.scope.workspaceId, partnerId: id, programId: b.programId, status, at: past });
      if (name === 'Ada') ada = id;
      else if (name === 'Ben') ben = id;
      else pending = id;
    }
    ({ id: partnerOfA } = await insertPartner(db, a.scope.workspaceId, { email: `${uniq('pa')}@p.test`, name: 'Of A' }));
    await insertEnrollment(db, { workspaceId: a.scope.workspaceId, partnerId: partnerOfA, programId: a.programId, status: 'approved', at: past });
    await order(b.scope.workspaceId, 'o-first', 'fair-visitor', {}, new Date(Date.now() - 3_600_000));
    await order(a.scope.workspaceId, 'o-a', 'someone-of-a', {}, new Date(Date.now() - 3_600_000));
    customerOfB = await customerId(b.scope.workspaceId, 'fair-visitor');
    customerOfA = await customerId(a.scope.workspaceId, 'someone-of-a');
  });

  const bindingsOf = (id: string) => db.select().from(bindings).where(eq(bindings.customerId, id));
  const form = (fields: Partial<Record<'programId' | 'partnerId' | 'reason', string>>) => formOf({ programId: b.programId, partnerId: ada, reason: 'signed at the trade fair', ...fields });

  it('finance and viewer members are refused with their role, and nothing changes', async () => {
    for (const [member, role] of [[members.finance, 'finance'], [members.viewer, 'viewer']] as const) {
      signInAs(member);
      const refusal = { ok: false, message: expect.stringMatching(new RegExp(`^Your role \\(${role}\\) cannot do this`)) };
      expect(await bindCustomerAction(b.workspaceSlug, customerOfB, null, form({}))).toMatchObject(refusal);
      // refused before parsing: an empty form gets the same answer
      expect(await bindCustomerAction(b.workspaceSlug, customerOfB, null, formOf({}))).toMatchObject(refusal);
    }
    expect(await bindingsOf(customerOfB)).toEqual([]);
  });

  it('a member of another workspace finds neither the workspace nor, through its own, any of its ids', async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await bindCustomerAction(b.workspaceSlug, customerOfB, null, form({}))).toEqual({ ok: false, message: 'Workspace not found.' });
    expect(await bindCustomerAction(a.workspaceSlug, customerOfB, null, form({ programId: a.programId, partnerId: partnerOfA }))).toMatchObject({ ok: false, message: 'Customer not found.' });
    expect(await bindCustomerAction(a.workspaceSlug, customerOfA, null, form({ partnerId: partnerOfA }))).toMatchObject({ ok: false, message: 'Program not found.' });
    expect(await bindCustomerAction(a.workspaceSlug, customerOfA, null, form({ programId: a.programId }))).toMatchObject({ ok: false, message: 'Partner not found.' });
    expect(await bindingsOf(customerOfB)).toEqual([]);
    // its own customer binds, so the refusals above are about the tenant
    expect(await bindCustomerAction(a.workspaceSlug, customerOfA, null, form({ programId: a.programId, partnerId: partnerOfA }))).toMatchObject({ ok: true });
    // the read side is scoped the same way
    expect(await findCustomer(db, a.scope.workspaceId, customerOfB)).toBeUndefined();
    const [entry] = await db.select({ id: ledgerEntries.id, eventId: ledgerEntries.eventId }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, a.scope.workspaceId));
    if (entry?.eventId) expect(await findEventDetail(db, b.scope.workspaceId, entry.eventId)).toBeUndefined();
  });

  it('names the field: a missing reason, and a partner not approved in the program', async () => {
    signInAs({ id: b.userId, email: b.email });
    expect(await bindCustomerAction(b.workspaceSlug, customerOfB, null, form({ reason: '  ' }))).toMatchObject({ ok: false, fields: { reason: expect.stringContaining('required') } });
    expect(await bindCustomerAction(b.workspaceSlug, customerOfB, null, form({ partnerId: pending }))).toMatchObject({
      ok: false, fields: { partnerId: 'is pending in this program, not approved' },
    });
    expect(await bindCustomerAction(b.workspaceSlug, customerOfB, null, form({ partnerId: 'nope' }))).toMatchObject({ ok: false, fields: { partnerId: expect.any(String) } });
    expect(await bindingsOf(customerOfB)).toEqual([]);
  });

  it('binds with the reason, and a later reward says who bound it, when and why', async () => {
    signInAs({ id: b.userId, email: b.email });
    expect(await bindCustomerAction(b.workspaceSlug, customerOfB, null, form({}))).toMatchObject({ ok: true, message: expect.stringContaining('bound by hand') });
    const [binding] = await bindingsOf(customerOfB);
    expect(binding).toMatchObject({ source: 'manual', reason: 'signed at the trade fair' });
    const later = await order(b.scope.workspaceId, 'o-later', 'fair-visitor');
    expect(later.result.entries).toMatchObject([{ partnerId: ada, amount: '20.00' }]);
    const entry = await findEntry(db, { workspaceId: b.scope.workspaceId }, later.result.entries[0].id);
    expect(entry!.explanation.attribution).toMatchObject({ source: 'binding', bindingSource: 'manual', manual: { reason: 'signed at the trade fair', boundBy: b.email } });
    const { partnerNames, otherNames } = await namesForIds(db, b.scope.workspaceId, idsIn(entry!.explanation));
    const words = text(explainEntry(entry!.explanation as JsonObject, { names: { ...partnerNames, ...otherNames }, unit: 'USD' }));
    const today = new Date();
    const day = `${today.getUTCDate()} ${today.toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${today.getUTCFullYear()}`;
    expect(words).toContain(`bound by hand on ${day} by ${b.email}: “signed at the trade fair”`);
    expect(words).toContain('Ada: 100% of the credit.');
  });

  it('changing the binding replaces it, keeps the old one in the audit row, and pays the new partner', async () => {
    signInAs({ id: b.userId, email: b.email });
    expect(await bindCustomerAction(b.workspaceSlug, customerOfB, null, form({ partnerId: ben, reason: 'Ada left the account' }))).toMatchObject({ ok: true });
    const rows = await customerBindings(db, b.scope.workspaceId, customerOfB);
    expect(rows).toMatchObject([{ source: 'manual', reason: 'Ada left the account', boundBy: b.email, shares: [{ partnerId: ben, partnerName: 'Ben', share: '1' }] }]);
    const audit = await db.select({ data: auditLog.data }).from(auditLog).where(and(eq(auditLog.workspaceId, b.scope.workspaceId), eq(auditLog.subjectId, customerOfB)));
    expect(audit.map((r) => r.data)).toContainEqual({ programId: b.programId, partnerId: ben, reason: 'Ada left the account', replaced: [{ partnerId: ada, share: '1', source: 'manual' }] });
    const next = await order(b.scope.workspaceId, 'o-after-change', 'fair-visitor');
    expect(next.result.entries).toMatchObject([{ partnerId: ben, amount: '20.00' }]);
  });
});

// Real explanations, written by the services from the project's scenarios.
const scenario = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, '../scenarios', name), 'utf8')) as Scenario;

// Each scenario in a fresh database, as the scenario runner does: click ids and link codes are
// global, so two scenarios would collide in one.
let factory: Awaited<ReturnType<typeof freshDatabaseFactory>>;
const opened: { close: () => Promise<void>; dispose: () => Promise<void> }[] = [];
beforeAll(async () => {
  factory = await freshDatabaseFactory(process.env.DATABASE_EMBEDDED === '1' ? undefined : process.env.DATABASE_URL);
});
afterAll(async () => {
  for (const o of opened) await o.close().then(o.dispose);
  await factory?.close();
});

/** Plays a scenario through the services the way the runner does, in its own database. */
async function played(s: Scenario): Promise<{ sdb: Database; ws: string }> {
  const fresh = await factory.next();
  const { db: sdb, close } = createDatabase(fresh.url, { embedded: fresh.embedded });
  opened.push({ close, dispose: fresh.dispose });
  const ids = await setUpScenario(sdb, s);
  for (const [index, step] of s.steps.entries()) await playStep(sdb, ids, step, index);
  return { sdb, ws: ids.workspaceId };
}

async function entriesOf({ sdb, ws }: { sdb: Database; ws: string }) {
  const rows = await sdb.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, ws)).orderBy(ledgerEntries.seq);
  const { partnerNames, otherNames } = await namesForIds(sdb, ws, idsIn(rows.map((r) => r.explanation)));
  const names = { ...partnerNames, ...otherNames };
  return rows.map((r) => ({ ...r, words: text(explainEntry(r.explanation as JsonObject, { names, unit: r.unit }, r.partnerId)) }));
}

describe('plain words for real explanations', () => {
  it('refused signals: bot, repeat click, self-referral, approval at the time, window', async () => {
    const bots = await entriesOf(await played(scenario('p21-bot-and-duplicate-clicks.json')));
    const o1 = bots.find((e) => e.orderRef === 'o1' && e.words.includes('Model: last touch'))!;
    expect(o1.words).toMatch(/Click clk_step-000002 by a: not counted, a repeat click by the same visitor on the same link within an hour counts once\./);
    expect(o1.words).toMatch(/by c: not counted, the click came from a bot\./);
    expect(o1.words).toContain('B: 100% of the credit.');
    expect(bots.find((e) => e.orderRef === 'o2' && e.partnerId && e.words.includes('position based'))!.words).toMatch(/A: 60% of the credit\.\nB: 40% of the credit\./);

    const self = await entriesOf(await played(scenario('p16-self-referral-coupon.json')));
    expect(self.find((e) => e.orderRef === 'o1')!.words).toContain('Coupon “XSAVE” by x: not counted, self-referral: the customer’s email is the partner’s own.');
    expect(self.find((e) => e.orderRef === 'o2')!.words).toContain('Model: coupon override');

    const approval = await entriesOf(await played(scenario('p24-approval-at-event-time.json')));
    const split = approval.find((e) => e.orderRef === 'o1' && e.amount === '5.01')!;
    expect(split.words).toContain('by c: not counted, the partner was not approved in this program at the time.');
    expect(split.words).toContain('That is 10.01 USD exactly: nothing to round.');
    expect(split.words).toContain('Split between a and b by their shares with the largest-remainder method');

    const windows = await entriesOf(await played(scenario('p01-window-boundary-exact.json')));
    expect(windows.find((e) => e.orderRef === 'o1')!.words).toContain('not counted, outside the program’s attribution window.');
  });

  it('an unknown code is named as such next to the signal that counted', async () => {
    const s: Scenario = {
      title: 'unknown coupon beside a click', workspace: { baseCurrency: 'USD' },
      programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, couponPrecedence: 'override', holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
      partners: [{ key: 'a', email: 'a@partners.test', enrollments: [{ program: 'ref' }], links: [{ code: 'a-link' }] }],
      steps: [
        { at: '2026-03-01T10:00:00Z', click: { link: 'a-link', visitor: 'v1' } },
        { at: '2026-03-02T10:00:00Z', order: { id: 'u1', customer: 'c1', visitor: 'v1', currency: 'USD', coupons: ['NOPE'], lines: [{ product: 'p', amount: '50.00' }] } },
      ],
      expect: { entries: [] },
    } as Scenario;
    const run = await played(s);
    const [entry] = await entriesOf(run);
    expect(entry.words).toContain('Coupon “NOPE”: not counted, no active code like this exists in the workspace.');
    const detail = (await findEventDetail(run.sdb, run.ws, entry.eventId!))!;
    const page = text(explainEvent({
      type: detail.event.type, senderId: detail.event.senderId, occurredAt: detail.event.occurredAt, status: detail.event.status, errorCode: null,
      data: detail.event.payload.data as unknown as JsonObject, customer: { externalId: 'c1', email: null },
      entries: detail.entries.map((e) => ({ ...e, explanation: e.explanation as JsonObject })), credits: detail.credits, refunds: detail.refunds,
    }, { names: { [entry.partnerId]: 'a', [entry.programId!]: 'ref' } }));
    expect(page).toContain('Coupon “NOPE” in ref: refused, no active code like this exists in the workspace.');
    expect(page).toContain('A earns 5.00 USD by the program’s rule: 10% of qualifying one-time revenue, applied to 50.00 USD of revenue.');
  });

  it('an event that paid nobody still explains the signals it refused (events.accounts)', async () => {
    const s: Scenario = {
      title: 'only an unknown code', workspace: { baseCurrency: 'USD' },
      programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, couponPrecedence: 'override', holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
      partners: [{ key: 'a', email: 'a@partners.test', enrollments: [{ program: 'ref' }], links: [{ code: 'a-link' }] }],
      steps: [
        { at: '2026-03-02T10:00:00Z', order: { id: 'n1', customer: 'c1', currency: 'USD', coupons: ['NOPE'], lines: [{ product: 'p', amount: '50.00' }] } },
      ],
      expect: { entries: [] },
    } as Scenario;
    const run = await played(s);
    expect(await entriesOf(run)).toEqual([]);
    const [row] = await run.sdb.select({ id: events.id }).from(events).where(and(eq(events.workspaceId, run.ws), eq(events.senderId, 'n1')));
    const detail = (await findEventDetail(run.sdb, run.ws, row.id))!;
    expect(detail.event.accounts?.length).toBe(1);
    const page = text(explainEvent({
      type: detail.event.type, senderId: detail.event.senderId, occurredAt: detail.event.occurredAt, status: detail.event.status, errorCode: null,
      data: detail.event.payload.data as unknown as JsonObject, customer: { externalId: 'c1', email: null },
      entries: [], credits: detail.credits, refunds: detail.refunds,
      programAccounts: (detail.event.accounts ?? []).map((a) => ({ programId: a.programId, explanation: a.explanation as JsonObject })),
    }, { names: { [detail.event.accounts![0].programId]: 'ref' } }));
    expect(page).toContain('Coupon “NOPE” in ref: refused, no active code like this exists in the workspace.');
  });

  it('groups, refunds and pool bonuses', async () => {
    const run = await played(scenario('p11-group-refund-pool.json'));
    const all = await entriesOf(run);
    const o1 = all.find((e) => e.orderRef === 'o1' && e.kind === 'commission')!;
    expect(o1.words).toContain('pays a partner through one program per event: the best-ranked program pays (rank 1 is the top tier).');
    expect(o1.words).toContain('Rank 1: gold — pays.');
    expect(o1.words).toContain('Rank 2: silver — dropped for this partner on this event.');
    expect(o1.words).toContain('1 line of the order is in gold’s scope: 2,000.00 USD of qualifying revenue.');

    const reversal = all.find((e) => e.kind === 'reversal' && e.orderRef === 'o1')!;
    expect(reversal.words).toContain('returned 575 of the order’s 2,300; 575 is refunded so far, 25% of the order.');
    expect(reversal.words).toContain('the original 400.00 USD should now be 400.00 USD × 75% = 300.00 USD, rounded half-up.');
    expect(reversal.words).toContain('The original was in no payout yet, so this reversal keeps its payable date');

    const bonus = all.find((e) => e.kind === 'bonus' && e.amount === '294.87')!;
    expect(bonus.words).toContain('was closed for 2026-Q1 (1 Jan 2026 to 31 Mar 2026).');
    expect(bonus.words).toContain('Goal: more than 1,000. The partners strictly above it share 500.00 USD in proportion to their metric.');
    expect(bonus.words).toContain('This partner’s metric was 1,725 of the qualifiers’ 2,925 in total');
    expect(bonus.words).toContain('G (this entry): 1,725, above the goal — bonus 294.87 USD.');
    expect(bonus.words).toContain('T: 800, not above the goal — no bonus.');

    // the order's page: silver credited g too, but the group paid through gold
    const orderPage = (await findEventDetail(run.sdb, run.ws, o1.eventId!))!;
    const { partnerNames, otherNames } = await namesForIds(run.sdb, run.ws, [...idsIn(orderPage.entries.map((e) => e.explanation)), ...orderPage.credits.flatMap((c) => [c.programId, c.partnerId])]);
    const orderWords = text(explainEvent({
      type: 'order', senderId: 'o1', occurredAt: orderPage.event.occurredAt, status: 'processed', errorCode: null,
      data: orderPage.event.payload.data as unknown as JsonObject, customer: { externalId: 'c1', email: null }, credits: orderPage.credits, refunds: orderPage.refunds,
      entries: orderPage.entries.map((e) => ({ ...e, explanation: e.explanation as JsonObject })),
    }, { names: { ...partnerNames, ...otherNames } }));
    expect(orderWords).toContain('G is paid nothing here: tiers pays through gold instead, since the best-ranked program pays (rank 1 is the top tier).');
    expect(orderWords).toContain('Refund refund-6 on 1 Mar 2026, 00:00 UTC returned 575.00 USD.');

    // the refund's event page says what it reversed
    const detail = (await findEventDetail(run.sdb, run.ws, reversal.eventId!))!;
    const page = text(explainEvent({
      type: 'refund', senderId: detail.event.senderId, occurredAt: detail.event.occurredAt, status: 'processed', errorCode: null,
      data: detail.event.payload.data as unknown as JsonObject, customer: null, order: detail.order, credits: [],
      entries: detail.entries.map((e) => ({ ...e, explanation: e.explanation as JsonObject })),
    }, { names: { [reversal.partnerId]: 'g', [reversal.programId!]: 'gold' } }));
    expect(page).toContain('It refunds order o1 of 10 Jan 2026, 00:00 UTC.');
    expect(page).toContain('Reversal of -100.00 USD for g in gold (one time share):');
    expect(page).toContain('returned 575.00 USD of the order’s 2,300.00 USD; 575.00 USD is refunded so far, 25% of the order.');
  });

  it('a scenario’s manual binding (no member, no reason) still reads as one', async () => {
    const all = await entriesOf(await played(scenario('p31-manual-binding-recurring-start.json')));
    expect(all[0].words).toContain('The customer was bound by hand on 10 Apr 2026. Its binding decides the credit');
  });
});

describe('ledger filters', () => {
  let run: { sdb: Database; ws: string };
  const q = (extra: Partial<LedgerListQuery>) => listWorkspaceLedger(run.sdb, run.ws, { page: 1, pageSize: 100, sort: 'createdAt', dir: 'asc', ...extra });

  beforeAll(async () => {
    run = await played(scenario('p13-failed-payout-releases.json'));
  });

  it('each filter narrows to its entries; status follows the balance buckets', async () => {
    const all = (await q({})).rows;
    expect(all.length).toBeGreaterThan(2);
    const now = new Date('2026-01-10T00:00:00Z');
    for (const status of ['pending', 'payable', 'processing', 'paid'] as const) {
      const { rows, total } = await q({ status, now });
      expect(rows.map((r) => r.id).sort()).toEqual(all.filter((r) => entryStatus(r, now) === status).map((r) => r.id).sort());
      expect(total).toBe(rows.length);
    }
    const partnerId = (await run.sdb.select({ p: ledgerEntries.partnerId }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, run.ws)))[0].p;
    expect((await q({ partnerId })).total).toBe(all.length);
    expect((await q({ partnerId: '00000000-0000-0000-0000-000000000000' })).total).toBe(0);
    expect((await q({ kind: 'clawback' })).rows.map((r) => r.kind)).toEqual(['clawback']);
    expect((await q({ unit: 'USD' })).total).toBe(all.length);
    expect((await q({ unit: 'EUR' })).total).toBe(0);
    const firstDay = all[0].createdAt!;
    const dayStart = new Date(Date.UTC(firstDay.getUTCFullYear(), firstDay.getUTCMonth(), firstDay.getUTCDate()));
    const onFirstDay = await q({ from: dayStart, to: new Date(dayStart.getTime() + 86_400_000) });
    expect(onFirstDay.rows.every((r) => r.createdAt!.getTime() < dayStart.getTime() + 86_400_000)).toBe(true);
    expect(onFirstDay.total).toBe(all.filter((r) => r.createdAt!.getTime() < dayStart.getTime() + 86_400_000).length);
    // another workspace's filter values find nothing here
    const other = await createMerchant(db);
    expect((await q({ programId: other.programId })).total).toBe(0);
  });
});
