/**
 * Deals and customers over the REST API: registering on a partner's behalf with the portal's rules,
 * approving and rejecting through decideDeal (once; decided or expired is a 409), customers with
 * their bindings and emails whole, manual attribution with the console's rules and an audit row
 * naming the key; newest-first pages without gaps or repeats, filters, the error shape naming the
 * field, other workspaces' ids not found, read-only keys refused, and fuzzed write bodies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { apiKeyFor, callApi, walkList, fuzzWrite, parseApiError } from '../helpers/api';
import { createMerchant } from '../helpers/fixtures';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { insertProgram } from '../../db/queries/programs';
import { auditLog, dealRegistrations } from '../../db/schema';
import { createCoupon } from '../../lib/server/coupons';
import { registerDeal as registerDealService } from '../../lib/server/rewards/deals';
import { ingestLiveEvent } from '../../lib/server/rewards/ingest-live-event';
import { eventSchema } from '../../lib/validation/events';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import * as approveRoute from '../../app/api/v1/deals/[id]/approve/route';
import * as rejectRoute from '../../app/api/v1/deals/[id]/reject/route';
import * as customersRoute from '../../app/api/v1/customers/route';
import * as customerRoute from '../../app/api/v1/customers/[id]/route';
import * as attributionRoute from '../../app/api/v1/customers/[id]/attribution/route';

const db = testDatabase();

type Merchant = Awaited<ReturnType<typeof createMerchant>>;
let ws: Merchant;
let other: Merchant;
let writer: string;
let reader: string;
let otherWriter: string;
let alice: string;
let bob: string;
let pending: string;
let otherPartner: string;
let secondProgramId: string;
let couponCode: string;

async function partnerIn(m: Merchant, programId: string, status: 'approved' | 'pending', name: string) {
  const p = await insertPartner(db, m.scope.workspaceId, { email: `${uniq('p')}@partners.test`, name });
  await insertEnrollment(db, { workspaceId: m.scope.workspaceId, partnerId: p.id, programId, status, at: new Date() });
  return p.id;
}

/** An order of a customer, posted as the storefront would; with Alice's coupon it binds the customer to her. */
async function order(m: Merchant, customer: string, email: string | undefined, coupons: string[] = []) {
  const event = eventSchema.parse({
    id: uniq('o'), type: 'order', occurredAt: new Date().toISOString(),
    data: { customer: { externalId: customer, ...(email ? { email } : {}) }, currency: 'USD', lines: [{ product: 'kit', amount: '100.00' }], coupons },
  });
  await ingestLiveEvent(db, m.scope.workspaceId, event, { source: 'api' });
}

beforeAll(async () => {
  ws = await createMerchant(db, { approvalMode: 'auto' });
  other = await createMerchant(db, { approvalMode: 'auto' });
  writer = await apiKeyFor(db, ws.scope.workspaceId, 'read_write');
  reader = await apiKeyFor(db, ws.scope.workspaceId, 'read');
  otherWriter = await apiKeyFor(db, other.scope.workspaceId, 'read_write');
  alice = await partnerIn(ws, ws.programId, 'approved', 'Alice');
  bob = await partnerIn(ws, ws.programId, 'approved', 'Bob');
  pending = await partnerIn(ws, ws.programId, 'pending', 'Pending');
  otherPartner = await partnerIn(other, other.programId, 'approved', 'Elsewhere');
  secondProgramId = (
    await insertProgram(db, ws.scope.workspaceId, { slug: uniq('second'), name: 'Second', category: 'affiliate', unit: 'USD', rules: [{ type: 'one_time_share', percent: '5' }], approvalMode: 'manual' })
  ).id;
  await insertEnrollment(db, { workspaceId: ws.scope.workspaceId, partnerId: bob, programId: secondProgramId, status: 'approved', at: new Date() });
  couponCode = uniq('ALICE').replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 30);
  await createCoupon(db, ws.scope, { partnerId: alice, programId: ws.programId, code: couponCode, stripePromotionCodeId: null });
});


function expectError(res: { status: number; json: unknown }, status: number, code: string, field?: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  const { error } = parseApiError(res.json);
  expect(error.code).toBe(code);
  if (field) expect(error.field).toBe(field);
}

/** Walks a list page by page and returns every id, in order. */
const walk = async (handler: typeof dealsRoute.GET, path: string, key = writer) => (await walkList(handler, key, path)).map((o) => o.id as string);

const register = (body: unknown, key = writer) => callApi(dealsRoute.POST, 'POST', { key, path: '/deals', body });
const decide = (route: typeof approveRoute, verb: 'approve' | 'reject', id: string, key = writer) =>
  callApi(route.POST, 'POST', { key, path: `/deals/${id}/${verb}`, params: { id } });
const prospect = (over: Record<string, unknown> = {}) => ({
  partner_id: alice, program_id: ws.programId, match_type: 'email_domain', match_value: `${uniq('bigco')}.com`, prospect_name: 'BigCo Ltd', ...over,
});

describe('POST /deals', () => {
  it('registers a pending claim on the partner’s behalf, normalised as the portal stores it', async () => {
    const before = Date.now();
    const res = await register(prospect({ match_type: 'email', match_value: 'Jane@BigCo.COM', notes: 'met at the fair', expires_days: 60 }));
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      object: 'deal', partner_id: alice, program_id: ws.programId, match_type: 'email', match_value: 'jane@bigco.com', prospect_name: 'BigCo Ltd',
      notes: 'met at the fair', status: 'pending', decided_at: null,
    });
    const days = (Date.parse(res.json.expires_at) - Date.parse(res.json.registered_at)) / 86_400_000;
    expect(days).toBe(60);
    expect(Date.parse(res.json.registered_at)).toBeGreaterThanOrEqual(before - 1000);
    const plain = await register(prospect());
    expect((Date.parse(plain.json.expires_at) - Date.parse(plain.json.registered_at)) / 86_400_000).toBe(90);
  });

  it('refuses with the portal’s rules, naming the API’s field', async () => {
    expectError(await register(prospect({ match_type: 'email', match_value: 'not-an-email' })), 400, 'invalid_input', 'match_value');
    expectError(await register(prospect({ match_value: 'no_domain' })), 400, 'invalid_input', 'match_value');
    expectError(await register(prospect({ match_type: 'phone' })), 400, 'invalid_input', 'match_type');
    expectError(await register(prospect({ prospect_name: '  ' })), 400, 'invalid_input', 'prospect_name');
    expectError(await register(prospect({ expires_days: 0 })), 400, 'invalid_input', 'expires_days');
    expectError(await register(prospect({ expires_days: 1.5 })), 400, 'invalid_input', 'expires_days');
    expectError(await register(prospect({ partner_id: pending })), 400, 'invalid_input', 'program_id');
    expectError(await register(prospect({ partner_id: alice, program_id: secondProgramId })), 400, 'invalid_input', 'program_id');
    expectError(await register(prospect({ partner_id: otherPartner })), 404, 'not_found', 'partner_id');
    expectError(await register(prospect({ program_id: other.programId })), 404, 'not_found', 'program_id');
    expectError(await register(prospect(), reader), 403, 'forbidden');
  });

  it('never answers a fuzzed body with a 500, always with a deal or the error shape', async () => {
    const ids = [alice, pending, otherPartner, ws.programId, secondProgramId];
    const field = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null), fc.boolean());
    const body = fc.record(
      {
        partner_id: field, program_id: field, match_type: fc.oneof(fc.constantFrom('email', 'email_domain', 'customer'), field),
        match_value: fc.oneof(fc.emailAddress(), fc.domain(), field), prospect_name: field, notes: field,
        expires_days: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double(), field),
      },
      { requiredKeys: [] },
    );
    await fuzzWrite(body, (b) => register(b), { status: 201, object: 'deal' });
  });
});

describe('deal decisions and lists', () => {
  let made: string[] = [];

  beforeAll(async () => {
    made = [];
    for (let i = 0; i < 4; i++) {
      const res = await register(prospect({ partner_id: bob, prospect_name: `Prospect ${i}` }));
      expect(res.status, res.text).toBe(201);
      made.push(res.json.id);
    }
  });

  it('approves once and rejects once, audited with the key; a second decision is a 409', async () => {
    const approved = await decide(approveRoute, 'approve', made[0]!);
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json).toMatchObject({ id: made[0], status: 'approved' });
    expect(approved.json.decided_at).not.toBeNull();
    expectError(await decide(rejectRoute, 'reject', made[0]!), 409, 'conflict');

    const rejected = await decide(rejectRoute, 'reject', made[1]!);
    expect(rejected.json).toMatchObject({ id: made[1], status: 'rejected' });
    expectError(await decide(approveRoute, 'approve', made[1]!), 409, 'conflict');

    const audits = await db
      .select({ action: auditLog.action, key: auditLog.actorApiKeyId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.scope.workspaceId), eq(auditLog.subjectType, 'deal')));
    expect(audits.filter((a) => a.action === 'deal.approved' || a.action === 'deal.rejected')).toHaveLength(2);
    expect(audits.every((a) => a.key !== null)).toBe(true);
  });

  it('two concurrent approvals decide once', async () => {
    const [a, b] = await Promise.all([decide(approveRoute, 'approve', made[2]!), decide(approveRoute, 'approve', made[2]!)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const rows = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, made[2]!), eq(auditLog.action, 'deal.approved')));
    expect(rows).toHaveLength(1);
  });

  it('an expired registration cannot be decided and reads as expired', async () => {
    const long = new Date(Date.now() - 30 * 86_400_000);
    const { id } = await registerDealService(db, ws.scope.workspaceId, {
      partnerId: bob, programId: ws.programId, match: { email: `${uniq('late')}@old.test` }, prospectName: 'Late', registeredAt: long, expiresAt: new Date(Date.now() - 86_400_000),
    });
    expect((await callApi(dealRoute.GET, 'GET', { key: reader, path: `/deals/${id}`, params: { id } })).json.status).toBe('expired');
    expectError(await decide(approveRoute, 'approve', id), 409, 'conflict');
    // the refused decision still persisted the expiry, as the console's does
    const [row] = await db.select({ status: dealRegistrations.status, decidedAt: dealRegistrations.decidedAt }).from(dealRegistrations).where(eq(dealRegistrations.id, id));
    expect(row).toEqual({ status: 'expired', decidedAt: null });
    expect(await walk(dealsRoute.GET, `/deals?partner_id=${bob}&status=expired`)).toEqual([id]);
  });

  it('walks newest first without gaps or repeats, filtered by partner, program and status', async () => {
    const bobs = await walk(dealsRoute.GET, `/deals?partner_id=${bob}&program_id=${ws.programId}&status=pending`);
    expect(bobs).toEqual([made[3]]);
    const all = await walk(dealsRoute.GET, `/deals?partner_id=${bob}`);
    expect(all.filter((id) => made.includes(id))).toEqual([...made].reverse());
    expect(new Set(all).size).toBe(all.length);
    expect(await walk(dealsRoute.GET, `/deals?program_id=${secondProgramId}`)).toEqual([]);
    const approved = await walk(dealsRoute.GET, '/deals?status=approved');
    expect(approved.sort()).toEqual([made[0], made[2]].sort());
    expect((await walk(dealsRoute.GET, '/deals', otherWriter)).filter((id) => all.includes(id))).toEqual([]);
    expectError(await callApi(dealsRoute.GET, 'GET', { key: reader, path: '/deals?status=won' }), 400, 'invalid_input', 'status');
    expectError(await callApi(dealsRoute.GET, 'GET', { key: otherWriter, path: `/deals?starting_after=${made[0]}` }), 404, 'not_found', 'starting_after');
  });

  it('does not find another workspace’s deal, to read or to decide; a read-only key cannot decide', async () => {
    expectError(await callApi(dealRoute.GET, 'GET', { key: otherWriter, path: `/deals/${made[3]}`, params: { id: made[3]! } }), 404, 'not_found');
    expectError(await decide(approveRoute, 'approve', made[3]!, otherWriter), 404, 'not_found');
    expectError(await decide(rejectRoute, 'reject', made[3]!, reader), 403, 'forbidden');
    expect((await callApi(dealRoute.GET, 'GET', { key: reader, path: `/deals/${made[3]}`, params: { id: made[3]! } })).json.status).toBe('pending');
  });
});

describe('customers', () => {
  const byCoupon: string[] = [];
  const emails: string[] = [];
  let unbound: string;

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      const email = `${uniq('buyer')}@Acme.test`;
      await order(ws, uniq('cus'), email, [couponCode]);
      emails.push(email.toLowerCase());
    }
    await order(ws, uniq('cus-none'), undefined);
    await order(other, uniq('cus-other'), 'someone@other.test');
    const listed = await callApi(customersRoute.GET, 'GET', { key: reader, path: `/customers?partner_id=${alice}&limit=100` });
    byCoupon.push(...listed.json.data.map((c: { id: string }) => c.id).reverse());
    const all = await callApi(customersRoute.GET, 'GET', { key: reader, path: '/customers?limit=100' });
    unbound = all.json.data.find((c: { bindings: unknown[] }) => c.bindings.length === 0).id;
  });

  it('lists the customers who count for a partner, newest first across pages, with their bindings and emails whole', async () => {
    expect(byCoupon).toHaveLength(5);
    expect(await walk(customersRoute.GET, `/customers?partner_id=${alice}`)).toEqual([...byCoupon].reverse());
    const first = await callApi(customerRoute.GET, 'GET', { key: reader, path: `/customers/${byCoupon[0]}`, params: { id: byCoupon[0]! } });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({
      object: 'customer', email: emails[0],
      bindings: [{ program_id: ws.programId, source: 'attribution', reason: null, partners: [{ partner_id: alice, share: '1' }] }],
    });
    const all = await walk(customersRoute.GET, '/customers');
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain(unbound);
  });

  it('filters by email in any case, by program, and by partner within a program', async () => {
    expect(await walk(customersRoute.GET, `/customers?email=${encodeURIComponent(emails[2]!.toUpperCase())}`)).toEqual([byCoupon[2]]);
    expect(await walk(customersRoute.GET, `/customers?program_id=${secondProgramId}`)).toEqual([]);
    expect(await walk(customersRoute.GET, `/customers?program_id=${ws.programId}&partner_id=${bob}`)).toEqual([]);
    expect(await walk(customersRoute.GET, `/customers?email=nobody@nowhere.test`)).toEqual([]);
    expectError(await callApi(customersRoute.GET, 'GET', { key: reader, path: '/customers?email=not-an-email' }), 400, 'invalid_input', 'email');
    expectError(await callApi(customersRoute.GET, 'GET', { key: otherWriter, path: `/customers?starting_after=${unbound}` }), 404, 'not_found', 'starting_after');
  });

  it('assigns a customer to a partner by hand, replacing its binding, audited with the key and the replaced shares', async () => {
    const id = byCoupon[1]!;
    const call = (body: unknown, key = writer, customerId = id) =>
      callApi(attributionRoute.POST, 'POST', { key, path: `/customers/${customerId}/attribution`, params: { id: customerId }, body });
    const res = await call({ program_id: ws.programId, partner_id: bob, reason: 'Bob introduced them at the fair.' });
    expect(res.status, res.text).toBe(200);
    expect(res.json.bindings).toEqual([
      expect.objectContaining({ program_id: ws.programId, source: 'manual', reason: 'Bob introduced them at the fair.', partners: [{ partner_id: bob, share: '1' }] }),
    ]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'customer.bound_by_hand')));
    expect(audit!.actorApiKeyId).not.toBeNull();
    expect(audit!.before).toMatchObject({ shares: [{ partnerId: alice, share: '1' }] });
    expect(await walk(customersRoute.GET, `/customers?program_id=${ws.programId}&partner_id=${bob}`)).toEqual([id]);

    // a second program: a binding beside the first
    const second = await call({ program_id: secondProgramId, partner_id: bob, reason: 'Also in the second program.' });
    expect(second.json.bindings.map((b: { program_id: string }) => b.program_id)).toEqual([ws.programId, secondProgramId]);

    expectError(await call({ program_id: ws.programId, partner_id: bob }), 400, 'invalid_input', 'reason');
    expectError(await call({ program_id: ws.programId, partner_id: bob, reason: ' ' }), 400, 'invalid_input', 'reason');
    expectError(await call({ program_id: ws.programId, partner_id: pending, reason: 'x' }), 400, 'invalid_input', 'partner_id');
    expectError(await call({ program_id: secondProgramId, partner_id: alice, reason: 'x' }), 400, 'invalid_input', 'partner_id');
    expectError(await call({ program_id: other.programId, partner_id: bob, reason: 'x' }), 404, 'not_found', 'program_id');
    expectError(await call({ program_id: ws.programId, partner_id: otherPartner, reason: 'x' }), 404, 'not_found', 'partner_id');
    expectError(await call({ program_id: ws.programId, partner_id: bob, reason: 'x' }, otherWriter), 404, 'not_found');
    expectError(await call({ program_id: ws.programId, partner_id: bob, reason: 'x' }, reader), 403, 'forbidden');
    expectError(await call({ program_id: ws.programId, partner_id: bob, reason: 'x' }, writer, 'nope'), 400, 'invalid_input', 'id');
  });

  it('does not find another workspace’s customer', async () => {
    expectError(await callApi(customerRoute.GET, 'GET', { key: otherWriter, path: `/customers/${unbound}`, params: { id: unbound } }), 404, 'not_found');
  });

  it('never answers a fuzzed attribution body with a 500, always with the customer or the error shape', async () => {
    const ids = [alice, bob, pending, otherPartner, ws.programId, secondProgramId, other.programId];
    const field = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null), fc.boolean());
    const body = fc.record({ program_id: field, partner_id: field, reason: fc.oneof(fc.string({ maxLength: 600 }), field) }, { requiredKeys: [] });
    await fuzzWrite(body, (b) => callApi(attributionRoute.POST, 'POST', { key: writer, path: `/customers/${unbound}/attribution`, params: { id: unbound }, body: b }), { status: 200, object: 'customer' });
  });
});
