import type { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { linkNotFoundResponse } from '@/lib/tracking/not-found-page';
import { visitFromPostgres } from '@/lib/server/tracking/visit-from-postgres';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Where middleware.ts rewrites /r/<code> when Redis has no answer (a miss, or Redis down). Public
 * like /r/<code> itself: calling it directly does exactly what the tracked link does.
 */
async function visit(req: NextRequest, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  try {
    return await visitFromPostgres(getDb(), req, (await params).code);
  } catch (err) {
    // the visitor still deserves a page, not a stack trace; the error is in the log
    console.error('[tracking] Postgres fallback failed', err);
    const response = linkNotFoundResponse(req.method);
    return new Response(response.body, { status: 503, headers: response.headers });
  }
}

export const GET = visit;
export const HEAD = visit;
