import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { apiKeyFor, callApi } from '../helpers/api';
import { insertProgram, setProgramStatus } from '../../db/queries/programs';
import { saveSecret } from '../../lib/server/secrets';
import { joinProgram } from '../../lib/server/enrollments';
import { auditLog, enrollments, partners, webhookDeliveries } from '../../db/schema';
import * as partnersRoute from '../../app/api/v1/partners/route';
import * as partnerRoute from '../../app/api/v1/partners/[id]/route';
import * as enrollmentsRoute from '../../app/api/v1/enrollments/route';
import * as enrollmentRoute from '../../app/api/v1/enrollments/[id]/route';
import * as approveRoute from '../../app/api/v1/enrollments/[id]/approve/route';
import * as rejectRoute from '../../app/api/v1/enrollments/[id]/reject/route';
import * as suspendRoute from '../../app/api/v1/enrollments/[id]/suspend/route';
import * as termsRoute from '../../app/api/v1/enrollments/[id]/terms/route';

// Partners and enrollments through the REST API alone, as an integrator's CRM drives them: real
// keys, real route handlers, a real database. Every answer is also checked against its documented
// schema by serve() under test.

const db = testDatabase();

type Merchant = Awaited<ReturnType<typeof createMerchant>>;
let shop: Merchant;
let other: Merchant;
let agencies: string;
let archived: string;
let rw: string;
let ro: string;
let otherRw: string;

const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };

const createPartner = (body: unknown, key = rw) => callApi(partnersRoute.POST, 'POST', { key, path: '/partners', body });
const getPartner = (id: string, key = rw) => callApi(partnerRoute.GET, 'GET', { key, path: `/partners/${id}`, params: { id } });
const updatePartner = (id: string, body: unknown, key = rw) => callApi(partnerRoute.POST, 'POST', { key, path: `/partners/${id}`, params: { id }, body });
const listPartners = (query: string, key = rw) => callApi(partnersRoute.GET, 'GET', { key, path: `/partners${query}` });
const enroll = (body: unknown, key = rw) => callApi(enrollmentsRoute.POST, 'POST', { key, path: '/enrollments', body });
const getEnrollment = (id: string, key = rw) => callApi(enrollmentRoute.GET, 'GET', { key, path: `/enrollments/${id}`, params: { id } });
const listEnrollments = (query: string, key = rw) => callApi(enrollmentsRoute.GET, 'GET', { key, path: `/enrollments${query}` });
const ACTIONS = { approve: approveRoute.POST, reject: rejectRoute.POST, suspend: suspendRoute.POST, terms: termsRoute.POST };
const act = (verb: keyof typeof ACTIONS, id: string, body: unknown = {}, key = rw) =>
  callApi(ACTIONS[verb], 'POST', { key, path: `/enrollments/${id}/${verb}`, params: { id }, body });

async function newPartner(extra: Record<string, unknown> = {}) {
  const res = await createPartner({ email: `${uniq('p')}@partners.test`, name: 'Pat Partner', ...extra });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; email: string; name: string };
}

/** Walks every page of a list with `limit` and returns the ids in order. */
async function walk(list: (query: string) => ReturnType<typeof listPartners>, filters: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await list(`?limit=${limit}${filters}${cursor ? `&starting_after=${cursor}` : ''}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.data.length).toBeLessThanOrEqual(limit);
    ids.push(...res.json.data.map((o: { id: string }) => o.id));
    if (!res.json.has_more) {
      expect(res.json.next_cursor).toBeNull();
      return ids;
    }
    cursor = res.json.next_cursor;
  }
  throw new Error('more than 100 pages');
}

beforeAll(async () => {
  shop = await createMerchant(db);
  other = await createMerchant(db);
  agencies = (await insertProgram(db, shop.scope.workspaceId, { slug: 'agencies', name: 'Agencies', category: 'agency', unit: 'USD', rules: [{ type: 'one_time_share', percent: '20' }] })).id;
  archived = (await insertProgram(db, shop.scope.workspaceId, { slug: 'old', name: 'Old program', category: 'referral', unit: 'USD', rules: [{ type: 'per_order', amount: '5' }] })).id;
  await setProgramStatus(db, shop.scope.workspaceId, archived, 'archived');
  // an outbound endpoint, so partner.enrolled is queued (nothing is sent in these tests)
  await saveSecret(db, shop.scope.workspaceId, 'outbound', 'whsec_partners_api_test', 'https://hooks.example.com/partnerledger');
  [rw, ro, otherRw] = await Promise.all([
    apiKeyFor(db, shop.scope.workspaceId, 'read_write'),
    apiKeyFor(db, shop.scope.workspaceId, 'read'),
    apiKeyFor(db, other.scope.workspaceId, 'read_write'),
  ]);
});

describe('POST /partners', () => {
  it('creates a partner without an account, normalised and audited as the key', async () => {
    const email = `${uniq('Ada')}@Agency.Example`;
    const res = await createPartner({ email, name: '  Ada Lovelace ', company: 'Analytical Agency', website: 'agency.example.com', tax_country: 'gb' });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      object: 'partner', email: email.toLowerCase(), name: 'Ada Lovelace', company: 'Analytical Agency',
      website: 'https://agency.example.com', tax_country: 'GB', has_account: false, enrollments: [],
    });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, res.json.id), eq(auditLog.action, 'partner.created')));
    expect(audit).toMatchObject({ workspaceId: shop.scope.workspaceId, subjectType: 'partner', actorUserId: null, before: null });
    expect(audit!.actorApiKeyId).not.toBeNull();
    expect(audit!.after).toMatchObject({ email: email.toLowerCase(), taxCountry: 'GB' });
  });

  it('refuses an email the workspace already has (any case) with 409 naming email; another workspace may have it', async () => {
    const p = await newPartner();
    const again = await createPartner({ email: p.email.toUpperCase(), name: 'Twin' });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'conflict', field: 'email' });
    expect((await createPartner({ email: p.email, name: 'Elsewhere' }, otherRw)).status).toBe(201);
    const email = `${uniq('race')}@partners.test`;
    const racing = await Promise.all([1, 2, 3].map((i) => createPartner({ email, name: `Racer ${i}` })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await db.select().from(partners).where(and(eq(partners.workspaceId, shop.scope.workspaceId), eq(partners.email, email)))).toHaveLength(1);
  });

  it('takes null or "" for an optional field as none', async () => {
    const res = await createPartner({ email: `${uniq('n')}@partners.test`, name: 'Nulls', company: null, website: '', tax_country: null });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ company: null, website: null, tax_country: null });
  });

  it.each([
    [{ name: 'No email' }, 'email'],
    [{ email: 'not-an-email', name: 'X' }, 'email'],
    [{ email: 'x@partners.test' }, 'name'],
    [{ email: 'x@partners.test', name: '   ' }, 'name'],
    [{ email: 'x@partners.test', name: 'X', website: 'http://insecure.example' }, 'website'],
    [{ email: 'x@partners.test', name: 'X', tax_country: 'XX' }, 'tax_country'],
    [{ email: 'x@partners.test', name: 'X', company: 'c'.repeat(121) }, 'company'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await createPartner(body);
    expect(res.status, res.text).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'invalid_input', field });
  });

  it('refuses a read-only key with 403 and writes nothing', async () => {
    const email = `${uniq('ro')}@partners.test`;
    const res = await createPartner({ email, name: 'Read only' }, ro);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject(ERROR_SHAPE);
    expect(await db.select().from(partners).where(eq(partners.email, email))).toHaveLength(0);
  });

  it('replays a repeat with the same Idempotency-Key and creates one partner', async () => {
    const body = { email: `${uniq('idem')}@partners.test`, name: 'Once' };
    const headers = { 'Idempotency-Key': uniq('k') };
    const first = await callApi(partnersRoute.POST, 'POST', { key: rw, path: '/partners', body, headers });
    const second = await callApi(partnersRoute.POST, 'POST', { key: rw, path: '/partners', body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.text).toBe(first.text);
    expect(await db.select().from(partners).where(eq(partners.email, body.email))).toHaveLength(1);
  });

  it('is claimed by the person who later joins with the same email', async () => {
    const p = await newPartner();
    await joinProgram(db, { workspaceSlug: shop.workspaceSlug, programSlug: shop.programSlug }, { form: { email: p.email, name: 'Pat Joined', company: '', password: 'correct-horse-battery' } });
    const res = await getPartner(p.id);
    expect(res.json).toMatchObject({ id: p.id, has_account: true, enrollments: [{ program_id: shop.programId, program_name: 'Referrals', status: 'pending' }] });
    expect(await db.select().from(partners).where(and(eq(partners.workspaceId, shop.scope.workspaceId), eq(partners.email, p.email)))).toHaveLength(1);
  });
});

describe('GET /partners/{id} and POST /partners/{id}', () => {
  it('reads a partner; another workspace’s id is 404, a malformed one 400 naming id', async () => {
    const p = await newPartner();
    expect((await getPartner(p.id)).json).toMatchObject({ id: p.id, object: 'partner' });
    const foreign = await getPartner(p.id, otherRw);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('not_found');
    expect((await updatePartner(p.id, { name: 'Hijack' }, otherRw)).status).toBe(404);
    expect((await getPartner(p.id)).json.name).toBe('Pat Partner');
    const bad = await getPartner('nope');
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('id');
  });

  it('changes the given fields, clears with null or "", keeps the rest, and audits only a change', async () => {
    const p = await newPartner({ company: 'Old Co', website: 'https://old.example.com', tax_country: 'DE' });
    const res = await updatePartner(p.id, { name: 'Pat Renamed', website: null, tax_country: '' });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ name: 'Pat Renamed', company: 'Old Co', website: null, tax_country: null, email: p.email });
    const audits = () => db.select().from(auditLog).where(and(eq(auditLog.subjectId, p.id), eq(auditLog.action, 'partner.profile_updated')));
    const [row] = await audits();
    expect(row!.before).toEqual({ name: 'Pat Partner', website: 'https://old.example.com', taxCountry: 'DE' });
    expect(row!.after).toEqual({ name: 'Pat Renamed', website: null, taxCountry: null });
    expect((await updatePartner(p.id, { company: 'Old Co' })).status).toBe(200);
    expect(await audits()).toHaveLength(1);
  });

  it('refuses a blank name, an unknown field value and a read-only key', async () => {
    const p = await newPartner();
    const blank = await updatePartner(p.id, { name: '' });
    expect(blank.status).toBe(400);
    expect(blank.json.error.field).toBe('name');
    const site = await updatePartner(p.id, { website: 'javascript:alert(1)' });
    expect(site.json.error.field).toBe('website');
    expect((await updatePartner(p.id, { name: 'RO' }, ro)).status).toBe(403);
  });
});

describe('GET /partners', () => {
  it('walks every partner of the workspace once, newest first, with any page size', async () => {
    for (let i = 0; i < 5; i++) await newPartner();
    const all = await db.select({ id: partners.id, createdAt: partners.createdAt }).from(partners).where(eq(partners.workspaceId, shop.scope.workspaceId));
    for (const limit of [1, 2, 3, 100]) {
      const ids = await walk((q) => listPartners(q), '', limit);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set(all.map((r) => r.id)));
    }
    const times = new Map(all.map((r) => [r.id, r.createdAt.getTime()]));
    const ids = await walk((q) => listPartners(q), '', 2);
    for (let i = 1; i < ids.length; i++) expect(times.get(ids[i - 1]!)!).toBeGreaterThanOrEqual(times.get(ids[i]!)!);
  });

  it('filters by email, program and enrollment status; another workspace sees none of them', async () => {
    const a = await newPartner();
    const b = await newPartner();
    expect((await enroll({ partner_id: a.id, program_id: agencies })).status).toBe(201);
    expect((await enroll({ partner_id: b.id, program_id: agencies, status: 'pending' })).status).toBe(201);
    expect((await listPartners(`?email=${encodeURIComponent(a.email.toUpperCase())}`)).json.data.map((p: { id: string }) => p.id)).toEqual([a.id]);
    const inAgencies = await walk((q) => listPartners(q), `&program_id=${agencies}`, 50);
    expect(inAgencies).toEqual(expect.arrayContaining([a.id, b.id]));
    const pending = await walk((q) => listPartners(q), `&program_id=${agencies}&status=pending`, 50);
    expect(pending).toContain(b.id);
    expect(pending).not.toContain(a.id);
    const theirs = await listPartners(`?program_id=${agencies}`, otherRw);
    expect(theirs.json.data).toEqual([]);
    expect((await listPartners('?limit=1', ro)).status).toBe(200);
  });

  it.each([
    ['?limit=0', 'limit'], ['?limit=101', 'limit'], ['?email=nope', 'email'], ['?program_id=1', 'program_id'], ['?status=paused', 'status'], ['?starting_after=x', 'starting_after'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await listPartners(query);
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe(field);
  });

  it('answers 404 naming starting_after for another workspace’s partner as the cursor', async () => {
    const theirs = await createPartner({ email: `${uniq('t')}@partners.test`, name: 'Theirs' }, otherRw);
    const res = await listPartners(`?starting_after=${theirs.json.id}`);
    expect(res.status).toBe(404);
    expect(res.json.error.field).toBe('starting_after');
  });
});

describe('POST /enrollments', () => {
  it('enrolls approved by default, audits it and queues partner.enrolled in the same transaction', async () => {
    const p = await newPartner();
    const res = await enroll({ partner_id: p.id, program_id: agencies });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ object: 'enrollment', partner_id: p.id, program_id: agencies, status: 'approved', rules: null, reason: null });
    const [delivery] = await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.workspaceId, shop.scope.workspaceId), eq(webhookDeliveries.topic, 'partner.enrolled')))
      .then((rows) => rows.filter((r) => (r.payload.data as { enrollment: { id: string } }).enrollment.id === res.json.id));
    expect(delivery!.payload.data).toEqual({
      enrollment: { id: res.json.id, partner_id: p.id, program_id: agencies, status: 'approved', created_at: res.json.created_at },
      partner: { id: p.id, email: p.email, name: 'Pat Partner' },
      program: { id: agencies, name: 'Agencies' },
    });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, res.json.id), eq(auditLog.action, 'enrollment.created')));
    expect(audit).toMatchObject({ subjectType: 'enrollment', after: { status: 'approved' } });
    expect((await getPartner(p.id)).json.enrollments).toEqual([{ id: res.json.id, program_id: agencies, program_name: 'Agencies', status: 'approved' }]);
  });

  it('refuses a second enrollment of the pair with 409, even concurrently', async () => {
    const p = await newPartner();
    const both = await Promise.all([enroll({ partner_id: p.id, program_id: agencies }), enroll({ partner_id: p.id, program_id: agencies, status: 'pending' })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.status === 409)!;
    expect(refused.json.error).toMatchObject({ code: 'conflict', field: 'program_id' });
    expect(await db.select().from(enrollments).where(eq(enrollments.partnerId, p.id))).toHaveLength(1);
  });

  it('answers 404 naming the field for another workspace’s partner or program, 409 for an archived program', async () => {
    const p = await newPartner();
    const theirPartner = (await createPartner({ email: `${uniq('o')}@partners.test`, name: 'Theirs' }, otherRw)).json.id;
    const r1 = await enroll({ partner_id: theirPartner, program_id: agencies });
    expect([r1.status, r1.json.error.field]).toEqual([404, 'partner_id']);
    const r2 = await enroll({ partner_id: p.id, program_id: other.programId });
    expect([r2.status, r2.json.error.field]).toEqual([404, 'program_id']);
    const r3 = await enroll({ partner_id: p.id, program_id: archived });
    expect([r3.status, r3.json.error.code, r3.json.error.field]).toEqual([409, 'conflict', 'program_id']);
    expect(await db.select().from(enrollments).where(eq(enrollments.partnerId, p.id))).toHaveLength(0);
  });

  it.each([
    [{ program_id: '5d1e8a34-2c7b-4f0e-8b6a-9c3d2e1f0a7b' }, 'partner_id'],
    [{ partner_id: 'x', program_id: '5d1e8a34-2c7b-4f0e-8b6a-9c3d2e1f0a7b' }, 'partner_id'],
    [{ partner_id: '5d1e8a34-2c7b-4f0e-8b6a-9c3d2e1f0a7b' }, 'program_id'],
    [{ partner_id: '5d1e8a34-2c7b-4f0e-8b6a-9c3d2e1f0a7b', program_id: '5d1e8a34-2c7b-4f0e-8b6a-9c3d2e1f0a7b', status: 'suspended' }, 'status'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await enroll(body);
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe(field);
  });

  it('refuses a read-only key with 403', async () => {
    const p = await newPartner();
    expect((await enroll({ partner_id: p.id, program_id: agencies }, ro)).status).toBe(403);
  });
});

describe('enrollment decisions', () => {
  it('follows the console’s transitions, keeps the reason, and answers 409 with a sentence for a forbidden one', async () => {
    const p = await newPartner();
    const id = (await enroll({ partner_id: p.id, program_id: agencies, status: 'pending' })).json.id;
    const suspendPending = await act('suspend', id);
    expect(suspendPending.status).toBe(409);
    expect(suspendPending.json.error).toMatchObject({ code: 'conflict', message: 'An enrollment that is pending cannot become suspended.' });
    expect(suspendPending.json.error.field).toBeUndefined();

    const approved = await act('approve', id);
    expect(approved.json).toMatchObject({ status: 'approved', reason: null });
    expect((await act('approve', id)).status).toBe(200); // already approved: nothing changes
    expect((await act('reject', id)).status).toBe(409);
    const suspended = await act('suspend', id, { reason: '  Brand guidelines  ' });
    expect(suspended.json).toMatchObject({ status: 'suspended', reason: 'Brand guidelines' });
    expect(new Date(suspended.json.status_changed_at).getTime()).toBeGreaterThanOrEqual(new Date(approved.json.status_changed_at).getTime());
    expect((await act('approve', id)).json).toMatchObject({ status: 'approved', reason: null });
    const audits = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, id));
    expect(audits.map((a) => a.action).sort()).toEqual(['enrollment.approved', 'enrollment.approved', 'enrollment.created', 'enrollment.suspended']);

    const other2 = (await enroll({ partner_id: (await newPartner()).id, program_id: agencies, status: 'pending' })).json.id;
    expect((await act('reject', other2, { reason: 'Not a fit' })).json).toMatchObject({ status: 'rejected', reason: 'Not a fit' });
  });

  it('answers 404 for another workspace’s enrollment, 400 for a long reason, 403 for a read-only key', async () => {
    const p = await newPartner();
    const id = (await enroll({ partner_id: p.id, program_id: agencies, status: 'pending' })).json.id;
    for (const verb of ['approve', 'reject', 'suspend'] as const) expect((await act(verb, id, {}, otherRw)).status).toBe(404);
    expect((await act('terms', id, { rules: null }, otherRw)).status).toBe(404);
    expect((await getEnrollment(id, otherRw)).status).toBe(404);
    const long = await act('reject', id, { reason: 'x'.repeat(501) });
    expect([long.status, long.json.error.field]).toEqual([400, 'reason']);
    expect((await act('approve', id, {}, ro)).status).toBe(403);
    expect((await getEnrollment(id, ro)).json.status).toBe('pending');
  });
});

describe('POST /enrollments/{id}/terms', () => {
  it('sets special terms in the programs’ rule shape and clears them with null', async () => {
    const p = await newPartner();
    const id = (await enroll({ partner_id: p.id, program_id: agencies })).json.id;
    const rules = [{ type: 'recurring_share', percent: '25', durationMonths: 12 }, { type: 'per_customer', amount: '10.50' }];
    const set = await act('terms', id, { rules });
    expect(set.status, set.text).toBe(200);
    expect(set.json.rules).toEqual(rules);
    expect((await getEnrollment(id)).json.rules).toEqual(rules);
    const cleared = await act('terms', id, { rules: null });
    expect(cleared.json.rules).toBeNull();
    const actions = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'enrollment.terms_changed')));
    expect(actions).toHaveLength(2);
  });

  it.each([
    [{}, 'rules'],
    [{ rules: [] }, 'rules'],
    [{ rules: [{ type: 'one_time_share', percent: '150' }] }, 'rules.0.percent'],
    [{ rules: [{ type: 'per_order', amount: '1.005' }] }, 'rules.0.amount'],
    [{ rules: [{ type: 'per_order', amount: '1' }, { type: 'bogus' }] }, 'rules.1.type'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const p = await newPartner();
    const id = (await enroll({ partner_id: p.id, program_id: agencies })).json.id;
    const res = await act('terms', id, body);
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.field).toBe(field);
  });
});

describe('GET /enrollments', () => {
  it('walks every enrollment once with any page size, and filters by partner, program and status', async () => {
    const a = await newPartner();
    const b = await newPartner();
    const ea1 = (await enroll({ partner_id: a.id, program_id: agencies })).json.id;
    const ea2 = (await enroll({ partner_id: a.id, program_id: shop.programId, status: 'pending' })).json.id;
    const eb1 = (await enroll({ partner_id: b.id, program_id: agencies, status: 'pending' })).json.id;
    const all = await db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.workspaceId, shop.scope.workspaceId));
    for (const limit of [1, 3, 100]) {
      const ids = await walk((q) => listEnrollments(q), '', limit);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set(all.map((r) => r.id)));
    }
    expect(await walk((q) => listEnrollments(q), `&partner_id=${a.id}`, 1)).toEqual([ea2, ea1]);
    expect(await walk((q) => listEnrollments(q), `&partner_id=${a.id}&status=pending`, 10)).toEqual([ea2]);
    const pendingAgencies = await walk((q) => listEnrollments(q), `&program_id=${agencies}&status=pending`, 10);
    expect(pendingAgencies).toContain(eb1);
    expect(pendingAgencies).not.toContain(ea1);
    expect((await listEnrollments(`?partner_id=${a.id}`, otherRw)).json.data).toEqual([]);
    expect((await listEnrollments('?status=paused')).json.error.field).toBe('status');
    expect((await listEnrollments('?partner_id=zzz')).json.error.field).toBe('partner_id');
  });
});

describe('fuzzed bodies', () => {
  const body = fc.oneof(
    fc.anything(),
    fc.record(
      { email: fc.oneof(fc.emailAddress(), fc.string()), name: fc.oneof(fc.string(), fc.constant(null)), company: fc.anything(), website: fc.oneof(fc.webUrl(), fc.string()), tax_country: fc.string({ maxLength: 3 }) },
      { requiredKeys: [] },
    ),
  );
  const isError = (json: unknown) =>
    typeof json === 'object' && json !== null && typeof (json as { error?: { code?: unknown } }).error?.code === 'string' && typeof (json as { error: { message?: unknown } }).error.message === 'string';

  it('POST /partners never answers 500 and always answers a partner or the error shape', async () => {
    const key = await apiKeyFor(db, shop.scope.workspaceId, 'read_write', 'fuzz partners');
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await callApi(partnersRoute.POST, 'POST', { key, path: '/partners', rawBody: JSON.stringify(b) ?? '' });
        expect(res.status).not.toBe(500);
        if (res.status === 201) expect(res.json.object).toBe('partner');
        else expect(isError(res.json), res.text).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('POST /enrollments/{id}/terms never answers 500 and always answers an enrollment or the error shape', async () => {
    const key = await apiKeyFor(db, shop.scope.workspaceId, 'read_write', 'fuzz terms');
    const p = await newPartner();
    const id = (await enroll({ partner_id: p.id, program_id: agencies })).json.id;
    const rule = fc.record(
      {
        type: fc.constantFrom('one_time_share', 'recurring_share', 'per_customer', 'per_order', 'milestone', 'x'),
        percent: fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String)),
        amount: fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String)),
        durationMonths: fc.oneof(fc.integer(), fc.constant(null), fc.string()),
        name: fc.string(),
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ rules: fc.oneof(fc.constant(null), fc.array(rule, { maxLength: 25 }), fc.anything()) })), async (b) => {
        const res = await callApi(termsRoute.POST, 'POST', { key, path: `/enrollments/${id}/terms`, params: { id }, rawBody: JSON.stringify(b) ?? '' });
        expect(res.status).not.toBe(500);
        if (res.status === 200) expect(res.json.object).toBe('enrollment');
        else expect(isError(res.json), res.text).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
