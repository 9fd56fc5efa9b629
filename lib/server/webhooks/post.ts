import 'server-only';
import type { WebhookPayload } from '../../domain/integrations';
import { signatureHeader } from '../signatures';

const TIMEOUT_MS = 10_000;

export interface OutboundEndpointSecret {
  url: string | null;
  secret: string;
}

export interface PostOutcome {
  /** the endpoint answered 2xx */
  ok: boolean;
  /** the receiver's HTTP status; null when there was no answer (refused, timed out, no URL) */
  statusCode: number | null;
  /** why it failed, in a few words (`HTTP 500`, `fetch failed`); null on success */
  error: string | null;
}

/**
 * One signed POST of a delivery, the same for the job and the Settings test-send: the body is the
 * stored payload with the delivery id first, signed like inbound events (`X-Signature`), and the id
 * repeated in `X-Webhook-Id` for receivers that dedupe.
 */
export async function postWebhook(
  endpoint: OutboundEndpointSecret | undefined,
  deliveryId: string,
  payload: WebhookPayload,
  now: Date,
  send: typeof fetch,
): Promise<PostOutcome> {
  if (!endpoint?.url) return { ok: false, statusCode: null, error: 'no webhook endpoint configured' };
  const body = JSON.stringify({ id: deliveryId, ...payload });
  try {
    const res = await send(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signatureHeader(endpoint.secret, body, now), 'x-webhook-id': deliveryId },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      // a redirect would resend a signed body somewhere the merchant never configured
      redirect: 'manual',
    });
    // the answer's body is never read: let the connection go back to the pool
    await res.body?.cancel().catch(() => undefined);
    return res.ok ? { ok: true, statusCode: res.status, error: null } : { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, statusCode: null, error: errorText(err) };
  }
}

/** fetch hides the useful part ("connect ECONNREFUSED 127.0.0.1:9") in `cause`. */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  return cause ? `${err.message}: ${cause}` : err.message;
}
