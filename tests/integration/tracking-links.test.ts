/**
 * Creating links (allowed destinations, unique readable codes, the edge cache), what the edge does
 * with unknown, disabled and uncached codes, and the partner portal's click counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { testDatabase, uniq } from '../helpers/db';
import { clickIdOf, drainClicks, isolateTrackingKeys, trackingWorkspace, visit, BROWSER_UA } from '../helpers/tracking';
import { createMerchant } from '../helpers/fixtures';
import { insertClickRows } from '../../db/queries/tracked-clicks';
import { listPortalLinks } from '../../db/queries/portal-links';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { insertUser } from '../../db/queries/users';
import { insertProgram } from '../../db/queries/programs';
import { getRedis } from '../../lib/kv/redis';
import { AppError } from '../../lib/errors';
import { createLink, setLinkDisabled } from '../../lib/server/links';
import { trackingKeys } from '../../lib/tracking/keys';
import { forgetLocalLinks } from '../../lib/tracking/link-cache';
import { GET as fallbackGet } from '../../app/api/tracking/links/[code]/route';

isolateTrackingKeys();
const db = testDatabase();
let ws: Awaited<ReturnType<typeof trackingWorkspace>>;
let userId: string;

beforeAll(async () => {
  userId = (await insertUser(db, { email: `${uniq('partner')}@users.test`, name: 'Portal Partner', passwordHash: 'x' })).id;
  ws = await trackingWorkspace(db, 2, { userIdOfFirst: userId });
});

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('createLink', () => {
  const base = () => ({ partnerId: ws.partners[0].id, programId: ws.programId });

  it('accepts https destinations on an allowed host or its subdomains, and caches the link for the edge', async () => {
    const link = await createLink(db, ws.workspaceId, { ...base(), destinationUrl: 'https://www.shop.example/pricing?plan=pro' });
    expect(link.code).toMatch(/^partner-0-[a-z2-9]{5}$/);
    const cached = JSON.parse((await getRedis().get<string>(trackingKeys.link(link.code)))!);
    expect(cached).toMatchObject({ linkId: link.id, workspaceId: ws.workspaceId, destination: 'https://www.shop.example/pricing?plan=pro', disabled: false, windowDays: 30 });
  });

  it('gives the visitor cookie the longest attribution window of the link’s own workspace', async () => {
    const other = await createMerchant(db);
    await insertProgram(db, other.scope.workspaceId, { slug: 'long', name: 'Long', category: 'affiliate', unit: 'USD', rules: [], windowDays: 300 });
    await insertProgram(db, ws.workspaceId, { slug: uniq('ninety'), name: 'Ninety', category: 'affiliate', unit: 'USD', rules: [], windowDays: 90 });
    const link = await createLink(db, ws.workspaceId, { ...base(), destinationUrl: 'https://shop.example/' });
    expect(JSON.parse((await getRedis().get<string>(trackingKeys.link(link.code)))!).windowDays).toBe(90);
    expect((await visit(link.code)).setCookie).toContain(`Max-Age=${90 * 86_400}`);
  });

  it.each([
    ['https://evil.example/', 'must be on shop.example'],
    ['https://shop.example.evil.com/', 'must be on shop.example'],
    ['https://notshop.example/', 'must be on shop.example'],
    ['http://shop.example/', 'must start with https://'],
    ['javascript:alert(1)', 'must start with https://'],
    ['https://user:pw@shop.example/', 'must not contain'],
    ['shop.example/landing', 'must be a full URL'],
  ])('refuses %s', async (destinationUrl, message) => {
    const err = await refusal(createLink(db, ws.workspaceId, { ...base(), destinationUrl }));
    expect(err.code).toBe('invalid_input');
    expect(err.fields?.destinationUrl).toContain(message);
  });

  it('refuses every destination while the workspace allows no domain', async () => {
    const other = await createMerchant(db, { approvalMode: 'auto' });
    const p = await insertPartner(db, other.scope.workspaceId, { email: `${uniq('p')}@partners.test`, name: 'Solo' });
    await insertEnrollment(db, { workspaceId: other.scope.workspaceId, partnerId: p.id, programId: other.programId, status: 'approved', at: new Date() });
    const err = await refusal(createLink(db, other.scope.workspaceId, { partnerId: p.id, programId: other.programId, destinationUrl: 'https://shop.example/' }));
    expect(err.fields?.destinationUrl).toContain('has not allowed any destination domains');
    // and a partner of another workspace is not found here
    expect((await refusal(createLink(db, ws.workspaceId, { partnerId: p.id, programId: ws.programId, destinationUrl: 'https://shop.example/' }))).code).toBe('not_found');
  });

  it('keeps chosen codes unique (lower-cased) and generates distinct readable ones', async () => {
    const code = uniq('My-Code').toLowerCase();
    expect((await createLink(db, ws.workspaceId, { ...base(), code: code.toUpperCase(), destinationUrl: 'https://shop.example/' })).code).toBe(code);
    const taken = await refusal(createLink(db, ws.workspaceId, { ...base(), code, destinationUrl: 'https://shop.example/' }));
    expect(taken.code).toBe('conflict');
    expect(taken.fields?.code).toBe('is already taken');
    expect((await refusal(createLink(db, ws.workspaceId, { ...base(), code: 'a_b', destinationUrl: 'https://shop.example/' }))).fields?.code).toBeDefined();
    // one after the other: the embedded PGlite server can mix up statements of concurrent connections
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) codes.push((await createLink(db, ws.workspaceId, { ...base(), destinationUrl: 'https://shop.example/' })).code);
    expect(new Set(codes).size).toBe(40);
  });

  it('only for approved enrollments', async () => {
    const p = await insertPartner(db, ws.workspaceId, { email: `${uniq('p')}@partners.test`, name: 'Pending' });
    await insertEnrollment(db, { workspaceId: ws.workspaceId, partnerId: p.id, programId: ws.programId, status: 'pending', at: new Date() });
    expect((await refusal(createLink(db, ws.workspaceId, { partnerId: p.id, programId: ws.programId, destinationUrl: 'https://shop.example/' }))).code).toBe('forbidden');
  });
});

describe('the edge with unknown, disabled and uncached codes', () => {
  it('answers an unknown code with the friendly 404 page and records nothing, Postgres asked once', async () => {
    const before = await getRedis().llen(trackingKeys.pendingClicks());
    const first = await visit('no-such-link');
    expect(first.res.headers.get('x-middleware-rewrite')).toContain('/api/tracking/links/no-such-link');
    const fromPostgres = await fallbackGet(new NextRequest('http://tracking.test/api/tracking/links/no-such-link'), { params: Promise.resolve({ code: 'no-such-link' }) });
    expect(fromPostgres.status).toBe(404);
    expect(await fromPostgres.text()).toContain('This link does not lead anywhere');
    forgetLocalLinks();
    const second = await visit('no-such-link'); // the negative marker answers now
    expect(second.res.status).toBe(404);
    expect(second.res.headers.get('content-type')).toContain('text/html');
    expect((await visit('x', { path: '/r/Not_A%20Code' })).res.status).toBe(404);
    expect(await getRedis().llen(trackingKeys.pendingClicks())).toBe(before);
  });

  it('stops redirecting a disabled link and starts again when it is enabled', async () => {
    const link = await createLink(db, ws.workspaceId, { partnerId: ws.partners[1].id, programId: ws.programId, destinationUrl: 'https://shop.example/a' });
    expect((await visit(link.code)).res.status).toBe(302);
    await setLinkDisabled(db, ws.workspaceId, link.id, true);
    forgetLocalLinks(); // the edge's own few-second memory
    const off = await visit(link.code);
    expect(off.res.status).toBe(404);
    expect(off.settled).toHaveLength(0);
    await setLinkDisabled(db, ws.workspaceId, link.id, false);
    forgetLocalLinks();
    expect((await visit(link.code)).res.status).toBe(302);
  });

  it('refills Redis from Postgres on a miss and records the click the same way', async () => {
    const link = await createLink(db, ws.workspaceId, { partnerId: ws.partners[1].id, programId: ws.programId, destinationUrl: 'https://shop.example/b' });
    await getRedis().del(trackingKeys.link(link.code));
    forgetLocalLinks();
    const miss = await visit(link.code);
    const rewritten = miss.res.headers.get('x-middleware-rewrite')!;
    const answer = await fallbackGet(new NextRequest(rewritten, { headers: { 'user-agent': BROWSER_UA, 'x-tracking-fallback': 'miss' } }), { params: Promise.resolve({ code: link.code }) });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('set-cookie')).toMatch(/pl_vid=/);
    expect(await getRedis().get(trackingKeys.link(link.code))).toContain(link.id);
    const queued = await getRedis().lrange<string>(trackingKeys.pendingClicks(), -1, -1);
    expect(JSON.parse(queued[0]).id).toBe(clickIdOf(answer.headers.get('location')));
    forgetLocalLinks();
    expect((await visit(link.code)).res.status).toBe(302); // from Redis now, no rewrite
  });

  it('redirects HEAD without recording a visit', async () => {
    const link = await createLink(db, ws.workspaceId, { partnerId: ws.partners[1].id, programId: ws.programId, destinationUrl: 'https://shop.example/c' });
    const head = await visit(link.code, { method: 'HEAD' });
    expect(head.res.status).toBe(302);
    expect(head.location).toBe('https://shop.example/c');
    expect(head.settled).toHaveLength(0);
  });

  it('keeps the health counters behind the job secret and the benchmark baseline behind its flag', async () => {
    expect((await visit('', { path: '/api/tracking/health' })).res.status).toBe(401);
    const health = await visit('', { path: '/api/tracking/health', cookie: undefined, ua: BROWSER_UA, origin: 'http://tracking.test' });
    expect(health.res.status).toBe(401);
    const { middleware } = await import('../../middleware');
    const authorised = await middleware(new NextRequest('http://tracking.test/api/tracking/health', { headers: { authorization: `Bearer ${process.env.JOB_SECRET}` } }), { waitUntil: () => undefined } as never);
    expect(authorised.status).toBe(200);
    expect(await authorised.json()).toHaveProperty('redisFailures');

    expect((await visit('', { path: '/r-noop/x' })).res.headers.get('x-middleware-next')).toBe('1');
    process.env.BENCH_NOOP_ROUTE = '1';
    try {
      expect((await visit('', { path: '/r-noop/x' })).res.status).toBe(302);
    } finally {
      delete process.env.BENCH_NOOP_ROUTE;
    }
  });
});

describe('partner portal counts', () => {
  it('counts human clicks and different visitors per link (bots left out, repeats in clicks only)', async () => {
    await drainClicks(db);
    const link = await createLink(db, ws.workspaceId, { partnerId: ws.partners[0].id, programId: ws.programId, code: uniq('counts'), destinationUrl: 'https://shop.example/d' });
    const t0 = Date.parse('2026-03-01T10:00:00Z');
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    // visitor a clicks four times, b twice, a bot once: 6 human clicks by 2 visitors
    const rows = [
      ['a', 0, false], ['a', 40, false], ['a', 80, false], ['a', 120, false], ['b', 0, false], ['b', 60, false], ['bot', 5, true],
    ].map(([v, m, bot], i) => ({
      id: `clk_counts_${i}_${link.code}`, workspaceId: ws.workspaceId, linkId: link.id, visitorId: String(v), occurredAt: at(Number(m)),
      isBot: Boolean(bot), userAgent: null, referrer: null, country: null,
    }));
    await insertClickRows(db, rows);

    const mine = { workspaceId: ws.workspaceId, partnerId: ws.partners[0].id };
    const listed = (await listPortalLinks(db, mine, { page: 1, pageSize: 100, sort: 'createdAt', dir: 'desc' })).rows.find((l) => l.id === link.id)!;
    expect(listed).toMatchObject({ clicks: 6, visitors: 2 });
    // another partner record never lists it, not even in the same workspace
    const theirs = await listPortalLinks(db, { workspaceId: ws.workspaceId, partnerId: ws.partners[1].id }, { page: 1, pageSize: 100, sort: 'createdAt', dir: 'desc' });
    expect(theirs.rows.map((l) => l.id)).not.toContain(link.id);
  });
});
