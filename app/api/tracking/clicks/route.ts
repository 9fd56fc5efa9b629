import { getDb } from '@/db/client';
import { insertClickRows } from '@/db/queries/tracked-clicks';
import { assertJobCaller } from '@/lib/http/job-auth';
import { errorResponse, parseJson, readBodyLimited } from '@/lib/http/respond';
import { clickMessagesSchema, clickRowOf } from '@/lib/server/tracking/click-message';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The edge relays here the clicks Redis refused (lib/tracking/relay.ts), so a Redis outage loses
 * none. Internal: guarded by the job secret. Idempotent by click id like the flush.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    assertJobCaller(request);
    const { clicks } = clickMessagesSchema.parse(parseJson(await readBodyLimited(request, 1024 * 1024)));
    return Response.json(await insertClickRows(getDb(), clicks.map(clickRowOf)));
  } catch (err) {
    return errorResponse(err, 'POST /api/tracking/clicks');
  }
}
