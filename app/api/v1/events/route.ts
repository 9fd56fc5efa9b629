import { AppError } from '@/lib/errors';
import { canonicalJson, parseJson } from '@/lib/http/respond';
import { signedRoute } from '@/lib/http/signed-route';
import { ingestLiveEvent } from '@/lib/server/rewards/ingest-live-event';
import { assertEventSignature } from '@/lib/server/signatures';
import { eventSchema } from '@/lib/validation/events';

export const runtime = 'nodejs';

/**
 * §7 POST /api/v1/events. Checked by the signed-route wrapper: size (413), X-Workspace (400, 404),
 * the events secret (401), X-Signature (401), rate (429, per workspace: generous for storefront
 * traffic, low enough to stop a runaway loop). Then JSON and schema (400 naming the field) and the
 * ingestion service, which stores the raw event before computing and answers every repeat of an id
 * with the first result (200).
 */
export const POST = signedRoute({
  name: 'POST /api/v1/events',
  workspaceFrom: { header: 'X-Workspace' },
  secret: 'events',
  noSecret: () => new AppError('unauthorized', 'This workspace has no events signing secret yet; create one in Settings → API.'),
  verify: (rawBody, secret, headers) => assertEventSignature(secret, headers.get('x-signature'), rawBody),
  rateLimit: { limit: 1200, windowSeconds: 60, of: 'events' },
  handle: async ({ db, workspaceId, rawBody }) => {
    const event = eventSchema.parse(parseJson(rawBody));
    const outcome = await ingestLiveEvent(db, workspaceId, event, { source: 'api' });
    return new Response(canonicalJson(outcome.result), {
      status: 200,
      headers: { 'content-type': 'application/json', ...(outcome.duplicate ? { 'Idempotent-Replayed': 'true' } : {}) },
    });
  },
});
