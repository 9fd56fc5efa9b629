import 'server-only';
import { replayableJson } from '../http/respond';
import type { IngestOutcome } from '../server/rewards/ingest-event';

/**
 * The answer to a provider's webhook: the service's first answer (also to every repeat, byte for
 * byte, with `Idempotent-Replayed: true`), or a note that the event changes nothing. Providers retry
 * anything but a 2xx, so an event we do not use (or a duplicate) is still a 200.
 */
export function webhookReply(outcome: IngestOutcome | { ignored: true; reason: string }): Response {
  if ('ignored' in outcome) return replayableJson({ ignored: true, reason: outcome.reason }, { replayed: false });
  return replayableJson(outcome.result, { replayed: outcome.duplicate });
}
