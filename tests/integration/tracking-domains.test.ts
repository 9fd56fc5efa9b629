/**
 * Issue 8: changing or emptying a workspace's allowed link domains reaches the links that already
 * exist, on every path a visit can take: the edge's Redis entry (rewritten inside the save, evicted
 * after it), the Postgres fallback on a miss, the fallback while Redis is down, and a refill. A
 * link whose destination is no longer allowed answers the "link not available" page, redirects
 * nowhere and records no click; allowing the host again brings it back. The console lists the
 * affected links and the partner portal marks them.
 */
import { createServer, type AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { testDatabase, uniq } from '../helpers/db';
import { BROWSER_UA, isolateTrackingKeys, trackingWorkspace, visit } from '../helpers/tracking';
import { countClicks } from '../../db/queries/tracked-clicks';
import { portalLinksPage } from '../../lib/server/portal-links';
import { allowedDomainsOf, setAllowedDomains } from '../../db/queries/workspaces';
import { insertUser } from '../../db/queries/users';
import { getRedis } from '../../lib/kv/redis';
import { AppError } from '../../lib/errors';
import { createLink, linksOutsideAllowedDomains } from '../../lib/server/links';
import { saveAllowedDomains } from '../../lib/server/tracking-settings';
import { trackingKeys } from '../../lib/tracking/keys';
import { forgetLocalLinks } from '../../lib/tracking/link-cache';
import { GET as fallbackGet } from '../../app/api/tracking/links/[code]/route';

// Lets one test make the eviction after the commit fail (the rewrite inside the save must hold
// alone), and another slip a racing fallback's stale refill in just after that rewrite.
const eviction = vi.hoisted(() => ({ fails: false, afterRewrite: undefined as undefined | (() => Promise<void>) }));
vi.mock('../../lib/tracking/link-cache', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/tracking/link-cache')>();
  return {
    ...real,
    cacheLinks: async (...args: Parameters<typeof real.cacheLinks>) => {
      await real.cacheLinks(...args);
      await eviction.afterRewrite?.();
    },
    evictLinks: async (...args: Parameters<typeof real.evictLinks>) => {
      if (eviction.fails) throw new Error('Redis went away between the commit and the eviction');
      return real.evictLinks(...args);
    },
  };
});

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const { saveAllowedDomainsAction } = await import('../../lib/actions/tracking-settings');

isolateTrackingKeys();
const db = testDatabase();
const pending = () => getRedis().llen(trackingKeys.pendingClicks());
const cachedEntry = async (code: string) => {
  const raw = await getRedis().get<string>(trackingKeys.link(code));
  return raw === null ? null : (typeof raw === 'string' ? JSON.parse(raw) : raw);
};
/** A loopback port that was just free: connecting is refused, as with a Redis that went down. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}
/** What an edge isolate sees once its few seconds of memory have passed. */
const memoryExpires = () => forgetLocalLinks({ keepStale: true });

/**
 * A visit the way production serves it: the middleware, and when it rewrites (a Redis miss or
 * outage), the Postgres fallback route with the reason the middleware gave.
 */
async function visitAnyPath(code: string) {
  const edge = await visit(code);
  const rewrite = edge.res.headers.get('x-middleware-rewrite');
  if (!rewrite) return { via: 'edge' as const, status: edge.res.status, location: edge.location, setCookie: edge.setCookie, body: await edge.res.text() };
  const reason = edge.res.headers.get('x-middleware-request-x-tracking-fallback') ?? 'miss';
  const res = await fallbackGet(new NextRequest(rewrite, { headers: { 'user-agent': BROWSER_UA, 'x-tracking-fallback': reason } }), { params: Promise.resolve({ code }) });
  return { via: 'fallback' as const, status: res.status, location: res.headers.get('location'), setCookie: res.headers.get('set-cookie'), body: await res.text() };
}

const expectNotAvailable = (answer: Awaited<ReturnType<typeof visitAnyPath>>) => {
  expect(answer.status).toBe(404);
  expect(answer.location).toBeNull();
  expect(answer.setCookie).toBeNull();
  expect(answer.body).toContain('no longer accepts');
};

let ws: Awaited<ReturnType<typeof trackingWorkspace>>;
let partnerUserId: string;
let shop: { id: string; code: string };
let blog: { id: string; code: string };

beforeAll(async () => {
  partnerUserId = (await insertUser(db, { email: `${uniq('partner')}@users.test`, name: 'Portal Partner', passwordHash: 'x' })).id;
  ws = await trackingWorkspace(db, 2, { userIdOfFirst: partnerUserId });
  await setAllowedDomains(db, ws.workspaceId, ['shop.example', 'blog.example']);
  shop = await createLink(db, ws.workspaceId, { partnerId: ws.partners[0].id, programId: ws.programId, destinationUrl: 'https://shop.example/spring' });
  blog = await createLink(db, ws.workspaceId, { partnerId: ws.partners[0].id, programId: ws.programId, destinationUrl: 'https://www.blog.example/review' });
});

describe('removing a host stops the links that point there at once', () => {
  it('on the edge’s cache hit, after a refill and through the fallback: no redirect, no click, no cookie', async () => {
    // both links are hot: in Redis and in the isolate's memory
    expect((await visitAnyPath(blog.code)).status).toBe(302);
    expect((await visitAnyPath(shop.code)).status).toBe(302);
    const queued = await pending();

    await saveAllowedDomains(db, ws.workspaceId, ['shop.example']);
    memoryExpires();
    const first = await visitAnyPath(blog.code);
    expectNotAvailable(first);
    // the Redis entry now says so, and the next visit is answered by the edge itself
    expect(await cachedEntry(blog.code)).toMatchObject({ destinationAllowed: false, disabled: false });
    memoryExpires();
    const second = await visitAnyPath(blog.code);
    expect(second.via).toBe('edge');
    expectNotAvailable(second);
    // the other host still works
    const shopVisit = await visitAnyPath(shop.code);
    expect(shopVisit.status).toBe(302);
    expect(shopVisit.location).toMatch(/^https:\/\/shop\.example\/spring\?ref_click=clk_/);
    expect(await pending()).toBe(queued + 1); // only the shop visit was recorded
  });

  it('allowing the host again brings the link back', async () => {
    await saveAllowedDomains(db, ws.workspaceId, ['shop.example', 'blog.example']);
    memoryExpires();
    const back = await visitAnyPath(blog.code);
    expect(back.status).toBe(302);
    expect(back.location).toMatch(/^https:\/\/www\.blog\.example\/review\?ref_click=clk_/);
  });

  it('holds on the cache hit from the rewrite inside the save alone (eviction after the commit failed)', async () => {
    expect((await visitAnyPath(blog.code)).status).toBe(302); // cached as allowed
    eviction.fails = true;
    try {
      await saveAllowedDomains(db, ws.workspaceId, ['shop.example']);
    } finally {
      eviction.fails = false;
    }
    expect(await cachedEntry(blog.code)).toMatchObject({ destinationAllowed: false });
    memoryExpires();
    const answer = await visitAnyPath(blog.code);
    expect(answer.via).toBe('edge');
    expectNotAvailable(answer);
    await saveAllowedDomains(db, ws.workspaceId, ['shop.example', 'blog.example']);
  });

  it('a fallback refill that read the old list just before the commit leaves nothing stale behind', async () => {
    memoryExpires();
    expect((await visitAnyPath(blog.code)).status).toBe(302);
    const stale = await cachedEntry(blog.code); // what a refill reading the old list would write
    expect(stale).toMatchObject({ destinationAllowed: true });
    eviction.afterRewrite = () => getRedis().set(trackingKeys.link(blog.code), JSON.stringify(stale)).then(() => undefined);
    try {
      await saveAllowedDomains(db, ws.workspaceId, ['shop.example']);
    } finally {
      eviction.afterRewrite = undefined;
    }
    memoryExpires();
    expectNotAvailable(await visitAnyPath(blog.code));
    await saveAllowedDomains(db, ws.workspaceId, ['shop.example', 'blog.example']);
  });

  it('holds on the Postgres fallback while Redis is down, which writes no click row', async () => {
    await setAllowedDomains(db, ws.workspaceId, ['shop.example']); // even a change Redis never heard of
    const rows = await countClicks(db, ws.workspaceId);
    const res = await fallbackGet(
      new NextRequest(`http://tracking.test/api/tracking/links/${blog.code}`, { headers: { 'user-agent': BROWSER_UA, 'x-tracking-fallback': 'redis-unavailable' } }),
      { params: Promise.resolve({ code: blog.code }) },
    );
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
    expect(await countClicks(db, ws.workspaceId)).toBe(rows);
    // and a miss refills Redis with the committed verdict
    await getRedis().del(trackingKeys.link(blog.code));
    forgetLocalLinks();
    expectNotAvailable(await visitAnyPath(blog.code));
    expect(await cachedEntry(blog.code)).toMatchObject({ destinationAllowed: false });
    await saveAllowedDomains(db, ws.workspaceId, ['shop.example', 'blog.example']);
  });

  it('emptying the list stops every link of the workspace, and only of this workspace', async () => {
    const other = await trackingWorkspace(db, 1);
    const theirs = await createLink(db, other.workspaceId, { partnerId: other.partners[0].id, programId: other.programId, destinationUrl: 'https://shop.example/theirs' });
    expect((await visitAnyPath(theirs.code)).status).toBe(302);
    const theirEntry = await cachedEntry(theirs.code);

    expect(await saveAllowedDomains(db, ws.workspaceId, [])).toEqual({ linksNowBlocked: 2 });
    memoryExpires();
    expectNotAvailable(await visitAnyPath(shop.code));
    expectNotAvailable(await visitAnyPath(blog.code));
    expect(await cachedEntry(theirs.code)).toEqual(theirEntry);
    expect((await visitAnyPath(theirs.code)).status).toBe(302);
    await saveAllowedDomains(db, ws.workspaceId, ['shop.example', 'blog.example']);
  });

  it('treats a cache entry written before the domain check existed as a miss, refilled from Postgres', async () => {
    await setAllowedDomains(db, ws.workspaceId, ['shop.example']);
    const old = { workspaceId: ws.workspaceId, linkId: blog.id, partnerId: ws.partners[0].id, programId: ws.programId, destination: 'https://www.blog.example/review', disabled: false, windowDays: 30 };
    await getRedis().set(trackingKeys.link(blog.code), JSON.stringify(old));
    forgetLocalLinks();
    const answer = await visitAnyPath(blog.code);
    expect(answer.via).toBe('fallback');
    expectNotAvailable(answer);
    await saveAllowedDomains(db, ws.workspaceId, ['shop.example', 'blog.example']);
  });
});

describe('a save that cannot reach the tracking cache', () => {
  it('is refused and changes nothing, so no live link keeps a host the merchant was told is gone', async () => {
    const saved = process.env.UPSTASH_REDIS_REST_URL;
    process.env.UPSTASH_REDIS_REST_URL = await closedPortUrl();
    let error: unknown;
    try {
      error = await saveAllowedDomains(db, ws.workspaceId, ['shop.example']).then(() => undefined, (e: unknown) => e);
    } finally {
      process.env.UPSTASH_REDIS_REST_URL = saved;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('not saved');
    expect(await allowedDomainsOf(db, ws.workspaceId)).toEqual(['shop.example', 'blog.example']);
    memoryExpires();
    expect((await visitAnyPath(blog.code)).status).toBe(302);
  });
});

describe('what the console and the portal show', () => {
  it('Settings → Tracking lists the affected links with partner and program; the save says how many', async () => {
    session.current = { user: { id: ws.userId, email: ws.email } };
    const result = await saveAllowedDomainsAction(ws.workspaceSlug, null, (() => {
      const f = new FormData();
      f.set('domains', 'shop.example');
      return f;
    })());
    expect(result).toEqual({ ok: true, message: 'Links may point to shop.example. 1 active link now points elsewhere and shows "link not available": see the list below.' });
    const affected = await linksOutsideAllowedDomains(db, ws.workspaceId, await allowedDomainsOf(db, ws.workspaceId));
    expect(affected).toEqual([
      { id: blog.id, code: blog.code, destinationUrl: 'https://www.blog.example/review', disabled: false, partnerName: 'Partner 0', programName: 'Referrals' },
    ]);
  });

  it('the partner’s links page reads the workspace’s current list and marks the link', async () => {
    const page = await portalLinksPage(db, { workspaceId: ws.workspaceId, partnerId: ws.partners[0].id }, { page: 1, pageSize: 25, sort: 'createdAt', dir: 'asc' }, 'https://app.test');
    expect(page.rows.filter((l) => l.destinationBlocked).map((l) => l.id)).toEqual([blog.id]);
    expect(page.rows.find((l) => l.id === shop.id)).toMatchObject({ destinationBlocked: false, url: `https://app.test/r/${shop.code}` });
  });
});
