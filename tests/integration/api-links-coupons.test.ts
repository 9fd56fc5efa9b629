/**
 * Links and coupons over the REST API: creation through the portal's and the console's services
 * (allowed destinations, codes, approved enrollments), the tracker's cache rewritten on every
 * change, audit rows naming the key, newest-first pages without gaps or repeats, filters, the
 * error shape naming the field, other workspaces' ids not found, read-only keys refused, and a
 * fuzz of both create bodies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, isNotNull } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { apiKeyFor, callApi, walkList, fuzzWrite, parseApiError } from '../helpers/api';
import { isolateTrackingKeys, trackingWorkspace } from '../helpers/tracking';
import { storeClick } from '../helpers/clicks';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { insertProgram } from '../../db/queries/programs';
import { auditLog } from '../../db/schema';
import { getRedis } from '../../lib/kv/redis';
import { trackingKeys } from '../../lib/tracking/keys';
import * as linksRoute from '../../app/api/v1/links/route';
import * as linkRoute from '../../app/api/v1/links/[id]/route';
import * as disableLinkRoute from '../../app/api/v1/links/[id]/disable/route';
import * as enableLinkRoute from '../../app/api/v1/links/[id]/enable/route';
import * as couponsRoute from '../../app/api/v1/coupons/route';
import * as couponRoute from '../../app/api/v1/coupons/[id]/route';
import * as disableCouponRoute from '../../app/api/v1/coupons/[id]/disable/route';
import * as enableCouponRoute from '../../app/api/v1/coupons/[id]/enable/route';

isolateTrackingKeys();
const db = testDatabase();

let ws: Awaited<ReturnType<typeof trackingWorkspace>>;
let other: Awaited<ReturnType<typeof trackingWorkspace>>;
let writer: string;
let reader: string;
let otherWriter: string;
let secondProgramId: string;
/** approved in two active programs: a link must name one */
let twoPrograms: string;
/** pending in the workspace's program */
let pending: string;

beforeAll(async () => {
  ws = await trackingWorkspace(db, 3);
  other = await trackingWorkspace(db, 1);
  writer = await apiKeyFor(db, ws.workspaceId, 'read_write');
  reader = await apiKeyFor(db, ws.workspaceId, 'read');
  otherWriter = await apiKeyFor(db, other.workspaceId, 'read_write');
  secondProgramId = (
    await insertProgram(db, ws.workspaceId, { slug: uniq('second'), name: 'Second', category: 'affiliate', unit: 'USD', rules: [{ type: 'one_time_share', percent: '5' }], approvalMode: 'manual' })
  ).id;
  twoPrograms = ws.partners[0].id;
  await insertEnrollment(db, { workspaceId: ws.workspaceId, partnerId: twoPrograms, programId: secondProgramId, status: 'approved', at: new Date() });
  pending = (await insertPartner(db, ws.workspaceId, { email: `${uniq('pending')}@partners.test`, name: 'Pending Partner' })).id;
  await insertEnrollment(db, { workspaceId: ws.workspaceId, partnerId: pending, programId: ws.programId, status: 'pending', at: new Date() });
});


function expectError(res: { status: number; json: unknown }, status: number, code: string, field?: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  const { error } = parseApiError(res.json);
  expect(error.code).toBe(code);
  if (field) expect(error.field).toBe(field);
}

const newLink = (body: unknown, key = writer) => callApi(linksRoute.POST, 'POST', { key, path: '/links', body });
const getLink = (id: string, key = writer) => callApi(linkRoute.GET, 'GET', { key, path: `/links/${id}`, params: { id } });
const newCoupon = (body: unknown, key = writer) => callApi(couponsRoute.POST, 'POST', { key, path: '/coupons', body });

/** Walks a list page by page and returns every id, in order. */
const walk = async (handler: typeof linksRoute.GET, path: string, key = writer) => (await walkList(handler, key, path)).map((o) => o.id as string);

async function cachedLink(code: string) {
  const raw = await getRedis().get<string>(trackingKeys.link(code));
  return raw === null ? null : (typeof raw === 'string' ? JSON.parse(raw) : raw);
}

describe('POST /links', () => {
  it('creates a link in the partner’s only program, caches it for the tracker and answers with its URL', async () => {
    const res = await newLink({ partner_id: ws.partners[1].id, destination_url: 'https://shop.example/spring', sub_id: 'newsletter' });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      object: 'link', partner_id: ws.partners[1].id, program_id: ws.programId, destination_url: 'https://shop.example/spring',
      destination_allowed: true, sub_id: 'newsletter', disabled: false, clicks: 0, visitors: 0,
    });
    expect(res.json.url).toBe(`http://app.test/r/${res.json.code}`);
    expect(res.json.code).toMatch(/^partner-1-[a-z2-9]{5}$/);
    expect(await cachedLink(res.json.code)).toMatchObject({ linkId: res.json.id, disabled: false, destinationAllowed: true });
  });

  it('takes a chosen code once; a second use is a 409 naming code', async () => {
    const code = uniq('api-link').toLowerCase();
    const first = await newLink({ partner_id: ws.partners[1].id, program_id: ws.programId, destination_url: 'https://shop.example/', code: code.toUpperCase() });
    expect(first.status, first.text).toBe(201);
    expect(first.json.code).toBe(code);
    expectError(await newLink({ partner_id: ws.partners[2].id, destination_url: 'https://shop.example/', code }), 409, 'conflict', 'code');
  });

  it('refuses what the service refuses, naming the API’s own field', async () => {
    const base = { partner_id: ws.partners[1].id, destination_url: 'https://shop.example/' };
    expectError(await newLink({ ...base, destination_url: 'https://elsewhere.example/' }), 400, 'invalid_input', 'destination_url');
    expectError(await newLink({ ...base, destination_url: 'http://shop.example/' }), 400, 'invalid_input', 'destination_url');
    expectError(await newLink({ ...base, sub_id: 'has spaces' }), 400, 'invalid_input', 'sub_id');
    expectError(await newLink({ ...base, code: 'x' }), 400, 'invalid_input', 'code');
    expectError(await newLink({ destination_url: 'https://shop.example/' }), 400, 'invalid_input', 'partner_id');
    expectError(await newLink({ ...base, partner_id: 'not-a-uuid' }), 400, 'invalid_input', 'partner_id');
    expectError(await newLink({ ...base, destination_url: '' }), 400, 'invalid_input', 'destination_url');
  });

  it('asks for program_id when the partner is approved in several programs, and refuses programs the partner cannot use', async () => {
    expectError(await newLink({ partner_id: twoPrograms, destination_url: 'https://shop.example/' }), 400, 'invalid_input', 'program_id');
    const named = await newLink({ partner_id: twoPrograms, program_id: secondProgramId, destination_url: 'https://shop.example/' });
    expect(named.status, named.text).toBe(201);
    expect(named.json.program_id).toBe(secondProgramId);
    expectError(await newLink({ partner_id: pending, destination_url: 'https://shop.example/' }), 400, 'invalid_input', 'program_id');
    expectError(await newLink({ partner_id: pending, program_id: ws.programId, destination_url: 'https://shop.example/' }), 400, 'invalid_input', 'program_id');
    expectError(await newLink({ partner_id: ws.partners[1].id, program_id: secondProgramId, destination_url: 'https://shop.example/' }), 400, 'invalid_input', 'program_id');
  });

  it('does not find another workspace’s partner or program', async () => {
    expectError(await newLink({ partner_id: other.partners[0].id, destination_url: 'https://shop.example/' }), 404, 'not_found', 'partner_id');
    expectError(await newLink({ partner_id: ws.partners[1].id, program_id: other.programId, destination_url: 'https://shop.example/' }), 404, 'not_found', 'program_id');
  });

  it('refuses a read-only key', async () => {
    expectError(await newLink({ partner_id: ws.partners[1].id, destination_url: 'https://shop.example/' }, reader), 403, 'forbidden');
  });

  it('never answers a fuzzed body with a 500, always with a link or the error shape', async () => {
    const ids = [ws.partners[1].id, twoPrograms, pending, other.partners[0].id, ws.programId, secondProgramId, 'nope', ''];
    const field = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }));
    const url = fc.oneof(fc.constantFrom('https://shop.example/x', 'https://shop.example:99/', 'javascript:alert(1)', 'https://user:pw@shop.example/', 'https://shop.example/\u0000'), fc.webUrl(), fc.string());
    const body = fc.record(
      { partner_id: field, program_id: field, destination_url: fc.oneof(url, field), sub_id: field, code: fc.oneof(fc.stringMatching(/^[a-z0-9-]{0,70}$/), field) },
      { requiredKeys: [] },
    );
    await fuzzWrite(body, (b) => newLink(b), { status: 201, object: 'link' });
  });
});

describe('GET /links and /links/{id}', () => {
  let mine: string[] = [];
  let partner: string;

  beforeAll(async () => {
    partner = (await insertPartner(db, ws.workspaceId, { email: `${uniq('lister')}@partners.test`, name: 'Lister' })).id;
    await insertEnrollment(db, { workspaceId: ws.workspaceId, partnerId: partner, programId: ws.programId, status: 'approved', at: new Date() });
    mine = [];
    for (let i = 0; i < 5; i++) {
      const res = await newLink({ partner_id: partner, destination_url: `https://shop.example/p${i}` });
      expect(res.status, res.text).toBe(201);
      mine.push(res.json.id);
    }
  });

  it('walks a partner’s links newest first across pages with no gaps or repeats', async () => {
    const ids = await walk(linksRoute.GET, `/links?partner_id=${partner}`);
    expect(ids).toEqual([...mine].reverse());
  });

  it('walks the whole workspace without gaps or repeats, and only its own links', async () => {
    const ids = await walk(linksRoute.GET, '/links');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of mine) expect(ids).toContain(id);
    const theirs = await walk(linksRoute.GET, '/links', otherWriter);
    expect(theirs.filter((id) => ids.includes(id))).toEqual([]);
  });

  it('filters by program and by disabled', async () => {
    const second = await walk(linksRoute.GET, `/links?program_id=${secondProgramId}`);
    expect(second.length).toBeGreaterThan(0);
    for (const id of second) expect((await getLink(id)).json.program_id).toBe(secondProgramId);
    await callApi(disableLinkRoute.POST, 'POST', { key: writer, path: `/links/${mine[0]}/disable`, params: { id: mine[0]! } });
    expect(await walk(linksRoute.GET, `/links?partner_id=${partner}&disabled=true`)).toEqual([mine[0]]);
    expect(await walk(linksRoute.GET, `/links?partner_id=${partner}&disabled=false`)).toEqual([...mine].slice(1).reverse());
  });

  it('refuses bad filters and foreign cursors naming the parameter', async () => {
    expectError(await callApi(linksRoute.GET, 'GET', { key: reader, path: '/links?limit=101' }), 400, 'invalid_input', 'limit');
    expectError(await callApi(linksRoute.GET, 'GET', { key: reader, path: '/links?disabled=yes' }), 400, 'invalid_input', 'disabled');
    expectError(await callApi(linksRoute.GET, 'GET', { key: reader, path: '/links?partner_id=x' }), 400, 'invalid_input', 'partner_id');
    expectError(await callApi(linksRoute.GET, 'GET', { key: otherWriter, path: `/links?starting_after=${mine[1]}` }), 404, 'not_found', 'starting_after');
  });

  it('counts a link’s human clicks and distinct visitors', async () => {
    const { json: link } = await getLink(mine[2]!, reader);
    const at = new Date(Date.now() - 60_000);
    await storeClick(db, ws.workspaceId, { linkCode: link.code, visitorId: 'v-a', at });
    await storeClick(db, ws.workspaceId, { linkCode: link.code, visitorId: 'v-a', at: new Date(at.getTime() + 1000) });
    await storeClick(db, ws.workspaceId, { linkCode: link.code, visitorId: 'v-b', at });
    await storeClick(db, ws.workspaceId, { linkCode: link.code, visitorId: 'v-bot', at, bot: true });
    expect((await getLink(mine[2]!, reader)).json).toMatchObject({ id: mine[2], clicks: 3, visitors: 2 });
  });

  it('does not find another workspace’s link, to read or to switch', async () => {
    expectError(await getLink(mine[3]!, otherWriter), 404, 'not_found');
    expectError(await callApi(disableLinkRoute.POST, 'POST', { key: otherWriter, path: `/links/${mine[3]}/disable`, params: { id: mine[3]! } }), 404, 'not_found');
    expect((await getLink(mine[3]!)).json.disabled).toBe(false);
  });
});

describe('POST /links/{id}/disable and /enable', () => {
  it('switches the link and rewrites the tracker’s cache each time; repeating changes nothing', async () => {
    const created = await newLink({ partner_id: ws.partners[1].id, destination_url: 'https://shop.example/switch' });
    const id = created.json.id as string;
    const call = (route: typeof disableLinkRoute, verb: string, key = writer) => callApi(route.POST, 'POST', { key, path: `/links/${id}/${verb}`, params: { id } });

    const off = await call(disableLinkRoute, 'disable');
    expect(off.status, off.text).toBe(200);
    expect(off.json).toMatchObject({ id, disabled: true });
    expect(await cachedLink(created.json.code)).toMatchObject({ linkId: id, disabled: true });
    expect((await call(disableLinkRoute, 'disable')).json.disabled).toBe(true);

    const on = await call(enableLinkRoute, 'enable');
    expect(on.json.disabled).toBe(false);
    expect(await cachedLink(created.json.code)).toMatchObject({ linkId: id, disabled: false });

    expectError(await call(disableLinkRoute, 'disable', reader), 403, 'forbidden');
    expectError(await callApi(disableLinkRoute.POST, 'POST', { key: writer, path: '/links/x/disable', params: { id: 'x' } }), 400, 'invalid_input', 'id');
  });
});

describe('coupons', () => {
  const code = () => uniq('C').replace(/[^A-Za-z0-9]/g, '').slice(0, 30);

  it('creates a coupon through the console’s service, upper-cased and audited with the key', async () => {
    const wanted = code().toLowerCase();
    const res = await newCoupon({ partner_id: ws.partners[1].id, program_id: ws.programId, code: wanted, stripe_promotion_code_id: `promo_${wanted}` });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      object: 'coupon', code: wanted.toUpperCase(), partner_id: ws.partners[1].id, program_id: ws.programId, stripe_promotion_code_id: `promo_${wanted}`, disabled: false,
    });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.subjectId, res.json.id), eq(auditLog.action, 'coupon.created'), isNotNull(auditLog.actorApiKeyId)));
    expect(audit).toBeDefined();
    expect(audit!.actorUserId).toBeNull();

    expectError(await newCoupon({ partner_id: ws.partners[2].id, program_id: ws.programId, code: wanted }), 409, 'conflict', 'code');
    expectError(await newCoupon({ partner_id: ws.partners[2].id, program_id: ws.programId, code: code(), stripe_promotion_code_id: `promo_${wanted}` }), 409, 'conflict', 'stripe_promotion_code_id');
  });

  it('refuses bad fields, unusable programs and other workspaces’ ids, naming the field', async () => {
    const ok = { partner_id: ws.partners[1].id, program_id: ws.programId, code: code() };
    expectError(await newCoupon({ ...ok, code: 'no spaces' }), 400, 'invalid_input', 'code');
    expectError(await newCoupon({ ...ok, code: 'ab' }), 400, 'invalid_input', 'code');
    expectError(await newCoupon({ ...ok, stripe_promotion_code_id: 'coupon_1' }), 400, 'invalid_input', 'stripe_promotion_code_id');
    expectError(await newCoupon({ ...ok, program_id: undefined }), 400, 'invalid_input', 'program_id');
    expectError(await newCoupon({ ...ok, partner_id: pending }), 400, 'invalid_input', 'program_id');
    expectError(await newCoupon({ ...ok, program_id: secondProgramId }), 404, 'not_found', 'program_id');
    expectError(await newCoupon({ ...ok, partner_id: other.partners[0].id }), 404, 'not_found', 'partner_id');
    expectError(await newCoupon({ ...ok, program_id: other.programId }), 404, 'not_found', 'program_id');
    expectError(await newCoupon(ok, reader), 403, 'forbidden');
  });

  it('lists newest first across pages with filters, and finds only the workspace’s own', async () => {
    const partner = ws.partners[2].id;
    const made: string[] = [];
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = code();
      const res = await newCoupon({ partner_id: partner, program_id: ws.programId, code: c });
      expect(res.status, res.text).toBe(201);
      made.push(res.json.id);
      codes.push(c.toUpperCase());
    }
    expect(await walk(couponsRoute.GET, `/coupons?partner_id=${partner}`)).toEqual([...made].reverse());
    expect(await walk(couponsRoute.GET, `/coupons?code=${codes[2]!.toLowerCase()}`)).toEqual([made[2]]);
    expect(await walk(couponsRoute.GET, `/coupons?program_id=${secondProgramId}`)).toEqual([]);
    const all = await walk(couponsRoute.GET, '/coupons');
    expect(new Set(all).size).toBe(all.length);
    expect((await walk(couponsRoute.GET, '/coupons', otherWriter)).filter((id) => all.includes(id))).toEqual([]);

    const one = await callApi(couponRoute.GET, 'GET', { key: reader, path: `/coupons/${made[0]}`, params: { id: made[0]! } });
    expect(one.json).toMatchObject({ id: made[0], code: codes[0], object: 'coupon' });
    expectError(await callApi(couponRoute.GET, 'GET', { key: otherWriter, path: `/coupons/${made[0]}`, params: { id: made[0]! } }), 404, 'not_found');
    expectError(await callApi(couponsRoute.GET, 'GET', { key: reader, path: '/coupons?disabled=1' }), 400, 'invalid_input', 'disabled');
    expectError(await callApi(couponsRoute.GET, 'GET', { key: otherWriter, path: `/coupons?starting_after=${made[0]}` }), 404, 'not_found', 'starting_after');

    // disable one, then filter by it
    const id = made[1]!;
    const off = await callApi(disableCouponRoute.POST, 'POST', { key: writer, path: `/coupons/${id}/disable`, params: { id } });
    expect(off.status, off.text).toBe(200);
    expect(off.json).toMatchObject({ id, disabled: true });
    expect(await walk(couponsRoute.GET, `/coupons?partner_id=${partner}&disabled=true`)).toEqual([id]);
  });

  it('disables and enables a coupon once each in the audit log, and not another workspace’s', async () => {
    const created = await newCoupon({ partner_id: ws.partners[1].id, program_id: ws.programId, code: code() });
    const id = created.json.id as string;
    const call = (route: typeof disableCouponRoute, verb: string, key = writer) => callApi(route.POST, 'POST', { key, path: `/coupons/${id}/${verb}`, params: { id } });
    expect((await call(disableCouponRoute, 'disable')).json.disabled).toBe(true);
    expect((await call(disableCouponRoute, 'disable')).json.disabled).toBe(true);
    expect((await call(enableCouponRoute, 'enable')).json.disabled).toBe(false);
    const actions = await db
      .select({ action: auditLog.action, key: auditLog.actorApiKeyId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.subjectId, id)));
    expect(actions.map((a) => a.action).sort()).toEqual(['coupon.created', 'coupon.disabled', 'coupon.enabled']);
    expect(actions.every((a) => a.key !== null)).toBe(true);
    expectError(await call(disableCouponRoute, 'disable', otherWriter), 404, 'not_found');
    expectError(await call(disableCouponRoute, 'disable', reader), 403, 'forbidden');
  });

  it('never answers a fuzzed coupon body with a 500, always with a coupon or the error shape', async () => {
    const ids = [ws.partners[1].id, pending, other.partners[0].id, ws.programId, secondProgramId, other.programId];
    const field = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 45 }), fc.integer(), fc.constant(null), fc.boolean());
    const body = fc.record(
      {
        partner_id: field, program_id: field,
        code: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{0,45}$/), field),
        stripe_promotion_code_id: fc.oneof(fc.stringMatching(/^promo_[A-Za-z0-9]{0,12}$/), field),
      },
      { requiredKeys: [] },
    );
    await fuzzWrite(body, (b) => newCoupon(b), { status: 201, object: 'coupon' });
  });
});
