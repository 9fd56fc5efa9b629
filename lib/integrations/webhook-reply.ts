import 'server-only';
import type { IngestOutcome } from '../server/rewards/ingest-event';

/**
 * The answer to a provider's webhook: the service's first answer (also to every repeat), or a note
 * that the event changes nothing. Providers retry anything but a 2xx, so an event we do not use (or
 * a duplicate) is still a 200.
 */
export function webhookReply(outcome: IngestOutcome | { ignored: true; reason: string }): Response {
  if ('ignored' in outcome) return Response.json({ ignored: true, reason: outcome.reason }, { status: 200 });
  return Response.json(outcome.result, { status: 200, headers: outcome.duplicate ? { 'Idempotent-Replayed': 'true' } : {} });
}
