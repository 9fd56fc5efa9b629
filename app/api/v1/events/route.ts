import { AppError } from '@/lib/errors';
import { serve } from '@/lib/api/serve';
import { listEvents, postEvent } from '@/lib/api/v1/events';
import { parseJson, replayableJson } from '@/lib/http/respond';
import { signedRoute } from '@/lib/http/signed-route';
import { ingestLiveEvent } from '@/lib/server/rewards/ingest-live-event';
import { assertEventSignature } from '@/lib/server/signatures';
import { eventSchema } from '@/lib/validation/events';

export const runtime = 'nodejs';

export const GET = serve(listEvents);

/**
 * §7 POST /api/v1/events, the storefront's way in. Checked by the signed-route wrapper: size (413), X-Workspace (400, 404),
 * the events secret (401), X-Signature (401), rate (429 with Retry-After, per workspace: the
 * workspace's events-per-minute setting, generous for a sale or a backfill, low enough to stop a
 * runaway loop), JSON (400), cleaned of what Postgres cannot store. Then the schema (400 naming the
 * field) and the ingestion service, which stores the raw event before computing and answers every
 * repeat of an id with the first result, byte for byte (200).
 */
const signedPost = signedRoute({
  name: 'POST /api/v1/events',
  workspaceFrom: { header: 'X-Workspace' },
  secret: 'events',
  noSecret: () => new AppError('unauthorized', 'This workspace has no events signing secret yet; create one in Settings → API.'),
  verify: (rawBody, secret, headers) => assertEventSignature(secret, headers.get('x-signature'), rawBody),
  rateLimit: { perMinute: (workspace) => workspace.eventsPerMinute, of: 'events' },
  parse: parseJson,
  handle: async ({ db, workspaceId, body }) => {
    const outcome = await ingestLiveEvent(db, workspaceId, eventSchema.parse(body), { source: 'api' });
    return replayableJson(outcome.result, { replayed: outcome.duplicate });
  },
});

/** The same ingestion called with an API key (lib/api/v1/events.ts): the REST API's checks and answer. */
const keyPost = serve(postEvent);

/**
 * One URL, two callers: a signed storefront request (X-Signature) is served exactly as before; a
 * request with an Authorization header and no signature is an API client, served with its key.
 */
export function POST(request: Request): Promise<Response> {
  const h = request.headers;
  return !h.has('x-signature') && h.has('authorization') ? keyPost(request) : signedPost(request);
}
