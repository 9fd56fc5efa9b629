import type { NextFetchEvent, NextRequest } from 'next/server';
import { answerHealth, answerNoopRedirect, answerTrackedLink, HEALTH_PATH } from './lib/tracking/edge';

// Edge runtime on purpose (Next 16 prefers proxy.ts, which only runs on Node): tracked links are
// answered close to the visitor, with Redis over HTTP, and never wait on Postgres.
// Import only lib/tracking/* here: the edge bundle must stay free of Node-only modules.
export async function middleware(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  const path = req.nextUrl.pathname;
  if (path === HEALTH_PATH) return answerHealth(req);
  if (path.startsWith('/r-noop/')) return answerNoopRedirect();
  return answerTrackedLink(req, event);
}

export const config = {
  matcher: ['/r/:path*', '/r-noop/:path*', '/api/tracking/health'],
};
