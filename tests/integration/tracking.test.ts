/**
 * Tracked links end to end without a browser: middleware.ts is called the way Next calls it (a
 * NextRequest and a NextFetchEvent whose waitUntil work we await), clicks travel through the Redis
 * bridge (in memory, or a real Redis with REDIS_URL), the flush job's core moves them into
 * Postgres, and we count rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { testDatabase } from '../helpers/db';
import { BROWSER_UA, blackhole, clickIdOf, drainClicks, isolateTrackingKeys, serveRoute, trackingWorkspace, visit } from '../helpers/tracking';
import { clicks } from '../../db/schema';
import { countClicks } from '../../db/queries/tracked-clicks';
import { getRedis } from '../../lib/kv/redis';
import { createLink } from '../../lib/server/links';
import { flushClicks } from '../../lib/server/tracking/flush-clicks';
import { ensureClickStored } from '../../lib/server/tracking/ensure-click-stored';
import { createRedisBridge } from '../../scripts/redis-bridge/server';
import { newVisitorId } from '../../lib/tracking/ids';
import { trackingKeys } from '../../lib/tracking/keys';
import { forgetLocalLinks } from '../../lib/tracking/link-cache';
import { trackingHealth } from '../../lib/tracking/health';
import { GET as fallbackGet } from '../../app/api/tracking/links/[code]/route';
import { POST as relayPost } from '../../app/api/tracking/clicks/route';
import { NextRequest } from 'next/server';
import type { Redis } from '@upstash/redis';

isolateTrackingKeys();
const db = testDatabase();
const BOTS = ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'facebookexternalhit/1.1', 'curl/8.5.0', 'Slackbot-LinkExpanding 1.0'];

let ws: Awaited<ReturnType<typeof trackingWorkspace>>;
const links: { id: string; code: string; destinationUrl: string }[] = [];

beforeAll(async () => {
  ws = await trackingWorkspace(db, 3);
  for (let i = 0; i < 5; i++) {
    const partner = ws.partners[i % 3];
    links.push(await createLink(db, ws.workspaceId, { partnerId: partner.id, programId: ws.programId, destinationUrl: `https://shop.example/landing?utm_source=p${i}&q=a%20b#top` }));
  }
});

const pendingLength = () => getRedis().llen(trackingKeys.pendingClicks());

describe('1,000 clicks through the middleware', () => {
  it('all reach Postgres after the job runs, none twice; bots are flagged and never get a click id', async () => {
    const cookies = Array.from({ length: 40 }, () => `pl_vid=${newVisitorId()}.${Math.floor(Date.now() / 1000) + 86_400}`);
    const plan = Array.from({ length: 1000 }, (_, i) => ({
      link: links[(i * 3) % links.length],
      bot: i % 10 === 7,
      // 40 returning visitors (each clicks ~20 times: plenty of repeats within the hour), some new ones
      cookie: i % 13 === 0 ? undefined : cookies[i % cookies.length],
      ua: i % 10 === 7 ? BOTS[i % BOTS.length] : BROWSER_UA,
    }));
    const results: Awaited<ReturnType<typeof visit>>[] = [];
    for (let i = 0; i < plan.length; i += 50) {
      results.push(...(await Promise.all(plan.slice(i, i + 50).map((p) => visit(p.link.code, { ua: p.ua, cookie: p.cookie })))));
    }

    const humanIds: string[] = [];
    results.forEach((r, i) => {
      const p = plan[i];
      expect(r.res.status).toBe(302);
      expect(r.settled.every((s) => s.status === 'fulfilled')).toBe(true);
      if (p.bot) {
        expect(r.location).toBe(p.link.destinationUrl);
        expect(r.setCookie).toBeNull();
        return;
      }
      const id = clickIdOf(r.location)!;
      expect(id).toMatch(/^clk_[0-9a-f]{32}$/);
      // the destination's own query bytes and fragment survive; ref_click is added before the fragment
      expect(r.location).toBe(p.link.destinationUrl.replace('#top', `&ref_click=${id}#top`));
      expect(r.setCookie).toMatch(/pl_vid=v_[0-9a-f]{32}\.\d+/);
      expect(r.setCookie).toMatch(/HttpOnly/i);
      expect(r.setCookie).toMatch(/SameSite=lax/i);
      if (p.cookie) expect(r.setCookie).toContain(p.cookie.slice('pl_vid='.length, 'pl_vid='.length + 34));
      humanIds.push(id);
    });
    expect(new Set(humanIds).size).toBe(900);
    expect(await pendingLength()).toBe(1000);

    const flushed = await drainClicks(db);
    expect(flushed).toMatchObject({ flushed: 1000, alreadyStored: 0, dropped: 0, remaining: 0 });
    expect(await countClicks(db, ws.workspaceId)).toBe(1000);
    const stored = await db.select({ id: clicks.id, isBot: clicks.isBot, visitorId: clicks.visitorId }).from(clicks).where(eq(clicks.workspaceId, ws.workspaceId));
    expect(new Set(stored.map((s) => s.id)).size).toBe(1000);
    expect(stored.filter((s) => s.isBot)).toHaveLength(100);
    const storedIds = new Set(stored.map((s) => s.id));
    expect(humanIds.every((id) => storedIds.has(id))).toBe(true);

    // flushing again finds nothing and changes nothing
    expect(await flushClicks(db, getRedis())).toMatchObject({ flushed: 0, remaining: 0 });
    expect(await countClicks(db, ws.workspaceId)).toBe(1000);
  });
});

describe('the flush job', () => {
  it('is exactly once when it crashes between inserting a batch and removing it from Redis', async () => {
    const before = await countClicks(db, ws.workspaceId);
    for (let i = 0; i < 300; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => visit(links[(i + j) % 5].code)));
    expect(await pendingLength()).toBe(300);

    const crash = flushClicks(db, getRedis(), {
      batchSize: 100,
      afterInsert: (batch) => {
        if (batch === 2) throw new Error('simulated crash after the insert, before the trim');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash');
    expect(await countClicks(db, ws.workspaceId)).toBe(before + 200); // batches 1 and 2 are in Postgres
    expect(await pendingLength()).toBe(200); // batch 2 is still queued, batch 3 untouched

    const rerun = await flushClicks(db, getRedis(), { batchSize: 100 });
    expect(rerun).toMatchObject({ flushed: 100, alreadyStored: 100, remaining: 0 });
    expect(await countClicks(db, ws.workspaceId)).toBe(before + 300);
  });

  it('loses and doubles nothing even when two runs overlap (an expired lock), and a held lock skips a run', async () => {
    const before = await countClicks(db, ws.workspaceId);
    for (let i = 0; i < 500; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => visit(links[(i + j) % 5].code)));
    const [a, b] = await Promise.all([
      flushClicks(db, getRedis(), { batchSize: 40, lockKey: `${trackingKeys.flushLock()}:a` }),
      flushClicks(db, getRedis(), { batchSize: 40, lockKey: `${trackingKeys.flushLock()}:b` }),
    ]);
    expect(a.flushed + b.flushed).toBe(500);
    expect(await pendingLength()).toBe(0);
    expect(await countClicks(db, ws.workspaceId)).toBe(before + 500);

    await getRedis().set(trackingKeys.flushLock(), 'someone-else', { ex: 30 });
    await visit(links[0].code);
    expect(await flushClicks(db, getRedis())).toMatchObject({ skipped: 'locked', flushed: 0, remaining: 1 });
    await getRedis().del(trackingKeys.flushLock());
    expect(await flushClicks(db, getRedis())).toMatchObject({ flushed: 1, remaining: 0 });
  });

  it('moves unreadable entries aside and skips clicks of deleted links instead of blocking the queue', async () => {
    const r = getRedis();
    await r.rpush(trackingKeys.pendingClicks(), 'not json', JSON.stringify({ v: 1, id: 'clk_orphan0000000000', code: 'gone', workspaceId: ws.workspaceId, linkId: '00000000-0000-4000-8000-000000000000', partnerId: ws.partners[0].id, programId: ws.programId, visitorId: 'v_x', at: new Date().toISOString(), bot: false, ua: null, referrer: null, country: null }));
    await visit(links[1].code);
    expect(await flushClicks(db, r)).toMatchObject({ flushed: 1, dropped: 2, remaining: 0 });
    expect(await r.lrange(trackingKeys.deadClicks(), 0, -1)).toEqual(['not json']);
  });
});

/** The Redis client, with every top-level command it is asked for written down (pipelines count once). */
function countingRedis(): { redis: Redis; calls: string[] } {
  const calls: string[] = [];
  const real = getRedis();
  const redis = new Proxy(real, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push(prop);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { redis, calls };
}

const storedCopies = async (id: string) => (await db.select({ id: clicks.id }).from(clicks).where(eq(clicks.id, id))).length;

describe('an order right after the click', () => {
  it('stores its click from the edge\'s own record of it, without draining the queue', async () => {
    await drainClicks(db);
    const id = clickIdOf((await visit(links[0].code)).location)!;
    expect(await getRedis().get(trackingKeys.queuedClick(id))).toContain(id);
    expect(await ensureClickStored(db, getRedis(), ws.workspaceId, id)).toBe(true);
    expect(await storedCopies(id)).toBe(1);
    expect(await pendingLength()).toBe(1); // the flush still moves the queue, and finds it stored
    expect(await flushClicks(db, getRedis())).toMatchObject({ flushed: 0, alreadyStored: 1, remaining: 0 });
    expect(await getRedis().get(trackingKeys.queuedClick(id))).toBeNull(); // the flush removed the record
    expect(await ensureClickStored(db, getRedis(), ws.workspaceId, id)).toBe(true); // now from Postgres
    // another workspace's click is not this workspace's, queued or stored
    const other = await trackingWorkspace(db, 0);
    expect(await ensureClickStored(db, getRedis(), other.workspaceId, id)).toBe(false);
    const queuedId = clickIdOf((await visit(links[1].code)).location)!;
    expect(await ensureClickStored(db, getRedis(), other.workspaceId, queuedId)).toBe(false);
    expect(await storedCopies(queuedId)).toBe(0);
    await drainClicks(db);
  });

  it('costs one GET for an unknown click id: no flush, no wait, even with a backlog under another run\'s lock', async () => {
    await visit(links[2].code); // a backlog that an on-demand flush would try to move
    await getRedis().set(trackingKeys.flushLock(), 'a-run-under-way', { ex: 30 });
    try {
      const { redis, calls } = countingRedis();
      const started = Date.now();
      expect(await ensureClickStored(db, redis, ws.workspaceId, 'clk_00000000000000000000000000000000')).toBe(false);
      expect(calls).toEqual(['get']);
      expect(Date.now() - started).toBeLessThan(250);
      expect(await pendingLength()).toBe(1);
    } finally {
      await getRedis().del(trackingKeys.flushLock());
    }
    await drainClicks(db);
  });

  it('stores a click still in Redis exactly once when the flush runs at the same time', async () => {
    for (let round = 0; round < 15; round++) {
      const visits = await Promise.all(links.map((l) => visit(l.code)));
      const ids = visits.map((v) => clickIdOf(v.location)!);
      const [flush, ...ensured] = await Promise.all([
        flushClicks(db, getRedis(), { batchSize: 2 }),
        ...ids.map((id) => ensureClickStored(db, getRedis(), ws.workspaceId, id)),
      ]);
      expect(ensured).toEqual(ids.map(() => true));
      expect(flush.flushed + flush.alreadyStored).toBe(ids.length);
      for (const id of ids) expect(await storedCopies(id)).toBe(1);
      expect(await pendingLength()).toBe(0);
      for (const id of ids) expect(await getRedis().get(trackingKeys.queuedClick(id))).toBeNull();
    }
  });
});

describe('when Redis is down', () => {
  const TOKEN = 'redis-down-test-token';
  const saved = { url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN };
  let relay: Awaited<ReturnType<typeof serveRoute>>;
  beforeAll(async () => {
    relay = await serveRoute(relayPost);
  });
  afterAll(async () => {
    process.env.UPSTASH_REDIS_REST_URL = saved.url;
    process.env.UPSTASH_REDIS_REST_TOKEN = saved.token;
    await relay.close();
  });

  const storedIds = async (ids: string[]) =>
    (await db.select({ id: clicks.id }).from(clicks).where(and(eq(clicks.workspaceId, ws.workspaceId), inArray(clicks.id, ids)))).map((r) => r.id);

  it('still redirects (from the edge cache, or through Postgres) and stores the clicks; failures are counted', async () => {
    // a Redis of our own for this test, stopped half-way through
    const bridge = await createRedisBridge({ token: TOKEN });
    process.env.UPSTASH_REDIS_REST_URL = bridge.url;
    process.env.UPSTASH_REDIS_REST_TOKEN = TOKEN;
    forgetLocalLinks();
    const [hot, cold] = [links[2], links[3]];

    const miss = await visit(hot.code, { origin: relay.origin });
    expect(miss.res.headers.get('x-middleware-rewrite')).toContain(`/api/tracking/links/${hot.code}`);
    const viaPostgres = await fallbackGet(new NextRequest(`${relay.origin}/api/tracking/links/${hot.code}`, { headers: { 'user-agent': BROWSER_UA, 'x-tracking-fallback': 'miss' } }), { params: Promise.resolve({ code: hot.code }) });
    expect(viaPostgres.status).toBe(302);
    expect((await visit(hot.code, { origin: relay.origin })).res.status).toBe(302); // now cached

    await bridge.close();
    forgetLocalLinks({ keepStale: true });
    const before = trackingHealth();

    const hotVisit = await visit(hot.code, { origin: relay.origin });
    expect(hotVisit.res.status).toBe(302);
    expect(hotVisit.location).toContain(hot.destinationUrl.split('#')[0]);
    const hotClick = clickIdOf(hotVisit.location)!;

    const coldVisit = await visit(cold.code, { origin: relay.origin });
    expect(coldVisit.res.headers.get('x-middleware-rewrite')).toContain(`/api/tracking/links/${cold.code}`);
    const coldAnswer = await fallbackGet(
      new NextRequest(`${relay.origin}/api/tracking/links/${cold.code}`, { headers: { 'user-agent': BROWSER_UA, 'x-tracking-fallback': 'redis-unavailable' } }),
      { params: Promise.resolve({ code: cold.code }) },
    );
    expect(coldAnswer.status).toBe(302);
    const coldClick = clickIdOf(coldAnswer.headers.get('location'))!;

    // neither click waits for a flush: the edge relayed one, the fallback wrote the other itself
    expect((await storedIds([hotClick, coldClick])).sort()).toEqual([hotClick, coldClick].sort());
    const after = trackingHealth();
    expect(after.redisFailures.lookup).toBeGreaterThanOrEqual(before.redisFailures.lookup + 2);
    expect(after.servedFromStaleCache).toBe(before.servedFromStaleCache + 1);
    expect(after.clicksRelayed).toBe(before.clicksRelayed + 1);
    expect(after.clicksLost).toBe(before.clicksLost);
  });

  it('does not let a Redis that hangs hold the redirect for longer than the lookup deadline', async () => {
    const hole = await blackhole();
    process.env.UPSTASH_REDIS_REST_URL = hole.url;
    forgetLocalLinks({ keepStale: true });
    const before = trackingHealth().redisFailuresTotal;
    const started = Date.now();
    const hot = await visit(links[2].code, { origin: relay.origin });
    const cold = await visit(links[4].code, { origin: relay.origin });
    const elapsed = Date.now() - started;
    await hole.close();
    expect(hot.res.status).toBe(302);
    expect(cold.res.headers.get('x-middleware-rewrite')).toContain(`/api/tracking/links/${links[4].code}`);
    expect(elapsed).toBeLessThan(2_000);
    expect(trackingHealth().redisFailuresTotal).toBe(before + 2);
    expect(await storedIds([clickIdOf(hot.location)!])).toHaveLength(1);
  });
});
