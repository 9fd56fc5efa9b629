import 'server-only';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { webhookDeliveries } from '../../../db/schema';
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
 * outbound secret). Due rows are first leased in a short transaction (FOR UPDATE SKIP LOCKED, then
 * pushed 2 minutes ahead), so parallel runs never send one twice and no transaction stays open
 * during HTTP calls. A run that dies mid-way leaves leased rows to be retried when the lease ends:
 * delivery is at least once, and receivers dedupe by `X-Webhook-Id`. A non-2xx answer or a timeout
 * schedules a retry with backoff; after 10 attempts the delivery is failed (see the delivery log).
 */
export async function deliverDueWebhooks(db: Database, opts: { now?: Date; limit?: number; fetchImpl?: typeof fetch } = {}): Promise<DeliveryRun> {
  const now = opts.now ?? new Date();
  const send = opts.fetchImpl ?? fetch;
  const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0 };
  const due = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'queued'), lte(webhookDeliveries.nextAttemptAt, now)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(opts.limit ?? 50)
      .for('update', { skipLocked: true });
    if (rows.length) {
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(inArray(webhookDeliveries.id, rows.map((r) => r.id)));
    }
    return rows;
  });
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
      await db.update(webhookDeliveries).set({ status: 'delivered', attempts, lastError: null }).where(eq(webhookDeliveries.id, d.id));
      run.delivered++;
    } else if (attempts >= MAX_ATTEMPTS) {
      await db.update(webhookDeliveries).set({ status: 'failed', attempts, lastError: error }).where(eq(webhookDeliveries.id, d.id));
      run.failed++;
    } else {
      const next = new Date(now.getTime() + backoffSeconds(attempts) * 1000);
      await db.update(webhookDeliveries).set({ attempts, lastError: error, nextAttemptAt: next }).where(eq(webhookDeliveries.id, d.id));
      run.retried++;
    }
  }
  return run;
}

/** One POST; returns the error text, or null when the endpoint answered 2xx. */
async function attempt(
  d: typeof webhookDeliveries.$inferSelect,
  endpoint: Awaited<ReturnType<typeof loadSecret>>,
  now: Date,
  send: typeof fetch,
): Promise<string | null> {
  if (!endpoint?.url) return 'no webhook endpoint configured';
  const body = JSON.stringify({ id: d.id, ...(d.payload as object) });
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
