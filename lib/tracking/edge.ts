import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { recordClickBatched } from './click-batch';
import type { ClickMessage } from './click-record';
import { count, noteRedisFailure, trackingHealth } from './health';
import { linkLeadsNowhere, lookupLink, type LinkLookup } from './link-cache';
import { linkNotFoundResponse } from './not-found-page';
import { lookupRedis, writeRedis } from './redis';
import { relayClick } from './relay';
import { isJobSecret, presentedSecret } from './secret';
import { linkCodeFromPath, planVisit } from './visit';

/** The Node route that resolves a link from Postgres when Redis cannot (app/api/tracking/links). */
export const FALLBACK_PREFIX = '/api/tracking/links/';
/** Tells the fallback why it was called; `redis-unavailable` makes it skip Redis entirely. */
export const FALLBACK_REASON_HEADER = 'x-tracking-fallback';
export const HEALTH_PATH = '/api/tracking/health';

/**
 * GET /r/<code>. The redirect waits only on the link lookup (memory, else one Redis GET with a
 * deadline); the click is written after the response, in one pipelined round trip shared with the
 * clicks that arrived in the same few milliseconds. Postgres is never on this path: a miss or an
 * unreachable Redis rewrites to the Node fallback.
 */
export async function answerTrackedLink(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
  const code = linkCodeFromPath(req.nextUrl.pathname);
  if (!code) return notFound(req);

  let found: LinkLookup;
  try {
    found = await lookupLink(lookupRedis(), code);
  } catch (error) {
    found = { kind: 'unavailable', error }; // no Redis configured at all
  }
  if (found.kind === 'miss' || found.kind === 'unavailable') {
    if (found.kind === 'unavailable') noteRedisFailure('lookup', found.error);
    count('sentToFallback');
    return rewriteToFallback(req, code, found.kind === 'miss' ? 'miss' : 'redis-unavailable');
  }
  if (found.stale) {
    noteRedisFailure('lookup', found.stale.error);
    count('servedFromStaleCache');
  }
  if (found.kind === 'unknown' || linkLeadsNowhere(found.link)) return notFound(req);

  const visit = planVisit(req, code, found.link);
  if (visit.click) event.waitUntil(storeClick(visit.click, req.nextUrl.origin, Boolean(found.stale)));
  count('redirects');
  return visit.response;
}

function notFound(req: NextRequest): Response {
  count('notFound');
  return linkNotFoundResponse(req.method);
}

function rewriteToFallback(req: NextRequest, code: string, reason: 'miss' | 'redis-unavailable'): Response {
  const headers = new Headers(req.headers);
  headers.set(FALLBACK_REASON_HEADER, reason);
  return NextResponse.rewrite(new URL(`${FALLBACK_PREFIX}${code}`, req.url), { request: { headers } });
}

/** Never throws: runs after the response, where an error would only be noise. */
async function storeClick(click: ClickMessage, origin: string, redisJustFailed: boolean): Promise<void> {
  if (!redisJustFailed) {
    try {
      const recorded = await recordClickBatched(writeRedis, click);
      count('clicksQueued');
      if (click.bot) count('botClicks');
      else if (!recorded.countsAsNew) count('repeatClicks');
      return;
    } catch (error) {
      noteRedisFailure('record', error);
    }
  }
  await relayClick(click, origin);
}

/** This isolate's counters, for operators (the job secret guards it: errors may name keys). */
export async function answerHealth(req: NextRequest): Promise<Response> {
  if (!(await isJobSecret(presentedSecret(req.headers)))) return Response.json({ error: { code: 'unauthorized', message: 'This route needs the job secret.' } }, { status: 401 });
  return Response.json(trackingHealth(), { headers: { 'cache-control': 'no-store' } });
}

/**
 * The benchmark's baseline: the same middleware answering a constant 302 with no I/O at all.
 * Only when BENCH_NOOP_ROUTE=1 (set by scripts/bench/tracking.ts); otherwise the path is the app's.
 */
export function answerNoopRedirect(): Response {
  if (process.env.BENCH_NOOP_ROUTE !== '1') return NextResponse.next();
  const response = NextResponse.redirect('https://example.com/?ref_click=clk_noop', 302);
  response.headers.set('cache-control', 'private, no-store');
  return response;
}
