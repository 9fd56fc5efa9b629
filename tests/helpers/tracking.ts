import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { NextRequest, type NextFetchEvent } from 'next/server';
import { afterAll } from 'vitest';
import type { Database } from '../../db/client';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { setAllowedDomains } from '../../db/queries/workspaces';
import { middleware } from '../../middleware';
import { getRedis } from '../../lib/kv/redis';
import { flushClicks, type FlushResult } from '../../lib/server/tracking/flush-clicks';
import { deleteTrackingNamespace } from '../../lib/tracking/keys';
import { createMerchant } from './fixtures';
import { uniq } from './db';

export const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
export const ORIGIN = 'http://tracking.test';

/** Each test file drains only its own queue, even on a Redis shared with other runs, and tidies up. */
export function isolateTrackingKeys(): void {
  process.env.TRACKING_REDIS_PREFIX = `test:${uniq('trk')}:`;
  afterAll(() => deleteTrackingNamespace(getRedis()));
}

export interface Visit {
  res: Response;
  location: string | null;
  setCookie: string | null;
  /** the middleware's after-response work (the click write), already settled */
  settled: PromiseSettledResult<unknown>[];
}

/** GET /r/<code> through middleware.ts, with a NextFetchEvent whose waitUntil work is awaited. */
export async function visit(code: string, opts: { ua?: string | null; cookie?: string; method?: string; origin?: string; path?: string } = {}): Promise<Visit> {
  const waits: Promise<unknown>[] = [];
  const event = { waitUntil: (p: Promise<unknown>) => void waits.push(p) } as unknown as NextFetchEvent;
  const headers: Record<string, string> = {};
  if (opts.ua !== null) headers['user-agent'] = opts.ua ?? BROWSER_UA;
  if (opts.cookie) headers.cookie = opts.cookie;
  const req = new NextRequest(`${opts.origin ?? ORIGIN}${opts.path ?? `/r/${code}`}`, { method: opts.method ?? 'GET', headers });
  const res = await middleware(req, event);
  const settled = await Promise.allSettled(waits);
  return { res, location: res.headers.get('location'), setCookie: res.headers.get('set-cookie'), settled };
}

export const clickIdOf = (location: string | null) => (location ? new URL(location).searchParams.get('ref_click') : null);

/** Runs the flush job's core until the queue is empty. */
export async function drainClicks(db: Database): Promise<FlushResult> {
  const total: FlushResult = { flushed: 0, alreadyStored: 0, dropped: 0, batches: 0, remaining: 0 };
  for (let i = 0; i < 100; i++) {
    const r = await flushClicks(db, getRedis(), { budgetMs: 5_000 });
    total.flushed += r.flushed;
    total.alreadyStored += r.alreadyStored;
    total.dropped += r.dropped;
    total.batches += r.batches;
    total.remaining = r.remaining;
    if (!r.skipped && r.remaining === 0) return total;
  }
  throw new Error('the click queue did not drain');
}

/** A merchant whose links may point at shop.example, with approved partners. */
export async function trackingWorkspace(db: Database, partnerCount: number, opts: { userIdOfFirst?: string } = {}) {
  const merchant = await createMerchant(db, { approvalMode: 'auto' });
  const workspaceId = merchant.scope.workspaceId;
  await setAllowedDomains(db, workspaceId, ['shop.example']);
  const partners: { id: string; name: string }[] = [];
  for (let i = 0; i < partnerCount; i++) {
    const name = `Partner ${i}`;
    const p = await insertPartner(db, workspaceId, { email: `${uniq('p')}@partners.test`, name, userId: i === 0 ? (opts.userIdOfFirst ?? null) : null });
    await insertEnrollment(db, { workspaceId, partnerId: p.id, programId: merchant.programId, status: 'approved', at: new Date() });
    partners.push({ id: p.id, name });
  }
  return { ...merchant, workspaceId, partners };
}

/** Serves a route handler module's POST on loopback, so the edge relay has somewhere to go. */
export async function serveRoute(handler: (req: Request) => Promise<Response>): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
      });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A TCP server that accepts connections and never answers: a Redis that hangs rather than refuses. */
export async function blackhole(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
