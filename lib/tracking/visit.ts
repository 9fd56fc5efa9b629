import { NextResponse, type NextRequest } from 'next/server';
import { isBotUserAgent } from './bots';
import type { ClickMessage } from './click-record';
import { readVisitorCookie, VISITOR_COOKIE, visitorCookieFor, visitorCookieOptions } from './cookies';
import { isLinkCode, newClickId, newVisitorId } from './ids';
import type { CachedLink } from './link-cache';

/**
 * What one visit through a tracked link produces: the click to record (none for HEAD) and the
 * redirect to send. Shared by the edge middleware and the Node fallback, so both answer alike.
 */
export interface PlannedVisit {
  click: ClickMessage | null;
  response: NextResponse;
}

/**
 * Appends `ref_click=<id>`, keeping the destination's own query bytes and fragment untouched (a
 * re-serialised query could change how the merchant's site reads it). A ref_click already in the
 * destination is replaced, so the storefront reads exactly one.
 */
export function destinationWithClick(destination: string, clickId: string): string {
  const hashAt = destination.indexOf('#');
  const fragment = hashAt === -1 ? '' : destination.slice(hashAt);
  const beforeHash = hashAt === -1 ? destination : destination.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const pairs = (queryAt === -1 ? '' : beforeHash.slice(queryAt + 1)).split('&').filter((p) => p && !/^ref_click(=|$)/.test(p));
  pairs.push(`ref_click=${encodeURIComponent(clickId)}`);
  return `${path}?${pairs.join('&')}${fragment}`;
}

const clip = (s: string | null, max: number) => (s ? s.slice(0, max) : null);

function redirect(location: string): NextResponse {
  const response = NextResponse.redirect(location, 302);
  // every visit must reach us to be counted: no shared or browser caching of the redirect
  response.headers.set('cache-control', 'private, no-store');
  return response;
}

export function planVisit(req: NextRequest, code: string, link: CachedLink, now = Date.now()): PlannedVisit {
  // link checkers and unfurlers often send HEAD first; it is not a visit
  if (req.method === 'HEAD') return { click: null, response: redirect(link.destination) };
  const userAgent = req.headers.get('user-agent');
  const bot = isBotUserAgent(userAgent);
  const existing = readVisitorCookie(req.cookies.get(VISITOR_COOKIE)?.value);
  const click: ClickMessage = {
    v: 1,
    id: newClickId(),
    code,
    workspaceId: link.workspaceId,
    linkId: link.linkId,
    partnerId: link.partnerId,
    programId: link.programId,
    visitorId: existing?.visitorId ?? newVisitorId(),
    at: new Date(now).toISOString(),
    bot,
    ua: clip(userAgent, 512),
    referrer: clip(req.headers.get('referer'), 1024),
    country: clip(req.headers.get('x-vercel-ip-country') ?? req.headers.get('cf-ipcountry'), 2),
  };
  // Bots are recorded but get neither a click id nor a cookie: nothing of theirs can be attributed,
  // and crawlers index the destination's clean URL.
  if (bot) return { click, response: redirect(link.destination) };

  const response = redirect(destinationWithClick(link.destination, click.id));
  const cookie = visitorCookieFor(existing, link.windowDays, now);
  const secure = process.env.NODE_ENV === 'production' || req.nextUrl.protocol === 'https:';
  response.cookies.set(VISITOR_COOKIE, cookie.value, visitorCookieOptions(cookie.maxAge, secure));
  return { click: { ...click, visitorId: cookie.visitorId }, response };
}

/** `/r/<code>` → the lower-cased code, or null when the path cannot name a link. */
export function linkCodeFromPath(pathname: string, prefix = '/r/'): string | null {
  if (!pathname.startsWith(prefix)) return null;
  let code: string;
  try {
    code = decodeURIComponent(pathname.slice(prefix.length)).toLowerCase();
  } catch {
    return null;
  }
  return isLinkCode(code) ? code : null;
}
