import type { Outcome, Reply } from './backend';

/**
 * Turns back-end outcomes into Upstash's JSON bodies. With `Upstash-Encoding: base64` every string
 * in a result is base64 (UTF-8 bytes), recursively inside arrays, while integers and nulls stay
 * as they are and error messages are never encoded. That is what @upstash/redis decodes (its
 * `decode()` base64-decodes every string, tolerating only a bare top-level "OK" unencoded), so
 * encoding everything is always safe. The client sends the header by default.
 */
export function encodeReply(reply: Reply, base64: boolean): Reply {
  if (!base64) return reply;
  if (typeof reply === 'string') return Buffer.from(reply, 'utf8').toString('base64');
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, true));
  return reply;
}

export type ResultBody = { result: Reply } | { error: string };

export function outcomeBody(outcome: Outcome, base64: boolean): ResultBody {
  return outcome.ok ? { result: encodeReply(outcome.value, base64) } : { error: outcome.error };
}
