import 'server-only';
import type { Database } from '../../../db/client';
import { leaseDueDeliveries, recordDeliveryAttempt, type LeasedDelivery } from '../../../db/queries/outbox';
import { loadSecret } from '../secrets';
import { signatureHeader } from '../signatures';

const MAX_ATTEMPTS = 10;
const TIMEOUT_MS = 10_000;
const LEASE_MS = 2 * 60_000;

/** 30 s, 1 min, 2 min … capped at 6 h: a merchant's outage of a day is still covered. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** (attempts - 1), 6 * 3600);
}

export interface DeliveryRun {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Sends due webhooks, signed like inbound events (`X-Signature: t=…,v1=…` with the workspace's
 * outbound secret). Due rows are first leased in one statement (FOR UPDATE SKIP LOCKED, pushed 2
 * minutes ahead), so parallel runs never send one twice and no transaction stays open during HTTP
 * calls. A run that dies mid-way leaves leased rows to be retried when the lease ends:
 * delivery is at least once, and receivers dedupe by `X-Webhook-Id`. A non-2xx answer or a timeout
 * schedules a retry with backoff; after 10 attempts the delivery is failed (see the delivery log).
 */
export async function deliverDueWebhooks(db: Database, opts: { now?: Date; limit?: number; fetchImpl?: typeof fetch } = {}): Promise<DeliveryRun> {
  const now = opts.now ?? new Date();
  const send = opts.fetchImpl ?? fetch;
  const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0 };
  const due = await leaseDueDeliveries(db, { now, limit: opts.limit ?? 50, leaseUntil: new Date(now.getTime() + LEASE_MS) });
  // one lookup (and decryption) of each workspace's endpoint per run, not one per delivery
  const endpoints = new Map<string, ReturnType<typeof loadSecret>>();
  const endpointOf = (workspaceId: string) => {
    if (!endpoints.has(workspaceId)) endpoints.set(workspaceId, loadSecret(db, workspaceId, 'outbound'));
    return endpoints.get(workspaceId)!;
  };
  for (const d of due) {
    const error = await attempt(d, await endpointOf(d.workspaceId), now, send);
    const attempts = d.attempts + 1;
    if (!error) {
      await recordDeliveryAttempt(db, d.workspaceId, d.id, { status: 'delivered', attempts });
      run.delivered++;
    } else if (attempts >= MAX_ATTEMPTS) {
      await recordDeliveryAttempt(db, d.workspaceId, d.id, { status: 'failed', attempts, error });
      run.failed++;
    } else {
      const nextAttemptAt = new Date(now.getTime() + backoffSeconds(attempts) * 1000);
      await recordDeliveryAttempt(db, d.workspaceId, d.id, { status: 'queued', attempts, error, nextAttemptAt });
      run.retried++;
    }
  }
  return run;
}

/** One POST; returns the error text, or null when the endpoint answered 2xx. */
async function attempt(
  d: LeasedDelivery,
  endpoint: Awaited<ReturnType<typeof loadSecret>>,
  now: Date,
  send: typeof fetch,
): Promise<string | null> {
  if (!endpoint?.url) return 'no webhook endpoint configured';
  const body = JSON.stringify({ id: d.id, ...d.payload });
  try {
    const res = await send(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signatureHeader(endpoint.secret, body, now), 'x-webhook-id': d.id },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
