import { getDb } from '@/db/client';
import { findWorkspaceBySlug } from '@/db/queries/workspaces';
import { AppError } from '@/lib/errors';
import { canonicalJson, errorResponse, parseJson, readBodyLimited } from '@/lib/http/respond';
import { hitRateLimit } from '@/lib/kv/rate-limit';
import { ingestLiveEvent } from '@/lib/server/rewards/ingest-live-event';
import { loadSecret } from '@/lib/server/secrets';
import { verifySignature } from '@/lib/server/signatures';
import { eventSchema } from '@/lib/validation/events';

export const runtime = 'nodejs';

const MAX_BODY_BYTES = 1024 * 1024;
// per workspace; generous for storefront traffic, low enough to stop a runaway loop
const RATE_LIMIT = { events: 1200, windowSeconds: 60 };

/**
 * §7 POST /api/v1/events. Order of checks: size (413), workspace (404), signature (401), rate
 * (429), JSON and schema (400 naming the field), then the ingestion service, which stores the raw
 * event before computing and answers every repeat of an id with the first result (200).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const raw = await readBodyLimited(request, MAX_BODY_BYTES);
    const slug = request.headers.get('x-workspace');
    if (!slug) throw new AppError('invalid_input', 'Name the workspace in the X-Workspace header.', { 'X-Workspace': 'is required' });
    const db = getDb();
    const workspace = await findWorkspaceBySlug(db, slug);
    if (!workspace) throw new AppError('not_found', `No workspace "${slug}".`);
    const secret = await loadSecret(db, workspace.id, 'events');
    if (!secret) throw new AppError('unauthorized', 'This workspace has no events signing secret yet; create one in Settings → API.');
    const verdict = verifySignature(secret.secret, request.headers.get('x-signature'), raw);
    if (!verdict.ok) throw new AppError('unauthorized', `Bad signature: ${verdict.reason}.`);
    await enforceRateLimit(workspace.id);
    const event = eventSchema.parse(parseJson(raw));
    const outcome = await ingestLiveEvent(db, workspace.id, event, { source: 'api' });
    return new Response(canonicalJson(outcome.result), {
      status: 200,
      headers: { 'content-type': 'application/json', ...(outcome.duplicate ? { 'Idempotent-Replayed': 'true' } : {}) },
    });
  } catch (err) {
    return errorResponse(err, 'POST /api/v1/events');
  }
}

async function enforceRateLimit(workspaceId: string) {
  try {
    const r = await hitRateLimit(`rl:events:${workspaceId}`, RATE_LIMIT.events, RATE_LIMIT.windowSeconds);
    if (!r.allowed) throw new AppError('rate_limited', `Too many events; retry in ${r.retryAfterSeconds} s.`);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Redis unreachable: accept the event (losing an order is worse than a missed limit) and say so
    console.error('[events] rate limiter unavailable; accepting the event', err);
  }
}
