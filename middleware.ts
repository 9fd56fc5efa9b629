import type { NextFetchEvent, NextRequest } from 'next/server';
import { continueWithPagePolicy } from './lib/http/security-headers';
import { answerHealth, answerNoopRedirect, answerTrackedLink, HEALTH_PATH } from './lib/tracking/edge';

// Edge runtime on purpose (Next 16 prefers proxy.ts, which only runs on Node): tracked links are
// answered close to the visitor, with Redis over HTTP, and never wait on Postgres.
// Import only lib/tracking/* and lib/http/security-headers here: the edge bundle must stay free of
// Node-only modules.
export async function middleware(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  const path = req.nextUrl.pathname;
  // tracked links first and untouched: their constant headers come from next.config.mjs
  if (path.startsWith('/r/')) return answerTrackedLink(req, event);
  if (path === HEALTH_PATH) return answerHealth(req);
  if (path.startsWith('/r-noop/')) return answerNoopRedirect();
  // every other path that reaches us is a page (or a server action posted to one)
  return continueWithPagePolicy(req);
}

export const config = {
  matcher: [
    '/r/:path*',
    '/r-noop/:path*',
    '/api/tracking/health',
    // pages: a fresh CSP nonce per request. Not API routes, /t.js or static files (their headers
    // are static, next.config.mjs), nor router prefetches (RSC payloads, never a document).
    {
      source: '/((?!api/|_next/|t\\.js$|favicon\\.ico$|icon\\.svg$).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
