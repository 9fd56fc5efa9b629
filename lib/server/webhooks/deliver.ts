import 'server-only';
import type { Database } from '../../../db/client';
import { leaseDueDeliveries, recordDeliveryAttempt, releaseLeasedDelivery } from '../../../db/queries/outbox';
import { outboundEndpointDisabled } from '../../../db/queries/webhooks';
import { loadSecret } from '../secrets';
import { noteEndpointOutcome, type Mailer } from './endpoint-health';
import { postWebhook } from './post';

const MAX_ATTEMPTS = 10;
const LEASE_MS = 2 * 60_000;

/** 30 s, 1 min, 2 min … capped at 6 h: a merchant's outage of a day is still covered. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** (attempts - 1), 6 * 3600);
}

export interface DeliveryRun {
  delivered: number;
  retried: number;
  failed: number;
  /** leased, then handed back unsent because the endpoint was disabled meanwhile */
  held: number;
}

/**
 * Sends due webhooks, signed like inbound events (`X-Signature: t=…,v1=…` with the workspace's
 * outbound secret). Due rows are first leased in one statement (FOR UPDATE SKIP LOCKED, pushed 2
 * minutes ahead), so parallel runs never send one twice and no transaction stays open during HTTP
 * calls. A run that dies mid-way leaves leased rows to be retried when the lease ends:
 * delivery is at least once, and receivers dedupe by `X-Webhook-Id`. A non-2xx answer or a timeout
 * schedules a retry with backoff; after 10 attempts the delivery is failed (see the delivery log).
 * Every attempt also counts for or against its endpoint (endpoint-health.ts): a disabled endpoint
 * is not leased, and one disabled while this run holds its deliveries gets them handed back.
 */
export async function deliverDueWebhooks(
  db: Database,
  opts: { now?: Date; limit?: number; fetchImpl?: typeof fetch; mail?: Mailer; workspaceId?: string } = {},
): Promise<DeliveryRun> {
  const now = opts.now ?? new Date();
  const send = opts.fetchImpl ?? fetch;
  const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0, held: 0 };
  const due = await leaseDueDeliveries(db, { now, limit: opts.limit ?? 50, leaseUntil: new Date(now.getTime() + LEASE_MS), workspaceId: opts.workspaceId });
  // one lookup (and decryption) of each workspace's endpoint per run, not one per delivery
  const endpoints = new Map<string, ReturnType<typeof loadSecret>>();
  const endpointOf = (workspaceId: string) => {
    if (!endpoints.has(workspaceId)) endpoints.set(workspaceId, loadSecret(db, workspaceId, 'outbound'));
    return endpoints.get(workspaceId)!;
  };
  for (const d of due) {
    // read fresh each time: another run (or this one) may have disabled the endpoint since the lease
    if (await outboundEndpointDisabled(db, d.workspaceId)) {
      await releaseLeasedDelivery(db, d.workspaceId, d.id, d.dueAt);
      run.held++;
      continue;
    }
    const outcome = await postWebhook(await endpointOf(d.workspaceId), d.id, d.payload, now, send);
    const attempts = d.attempts + 1;
    const statusCode = outcome.statusCode;
    if (outcome.ok) {
      await recordDeliveryAttempt(db, d.workspaceId, d.id, { status: 'delivered', attempts, statusCode });
      run.delivered++;
    } else if (attempts >= MAX_ATTEMPTS) {
      await recordDeliveryAttempt(db, d.workspaceId, d.id, { status: 'failed', attempts, statusCode, error: outcome.error! });
      run.failed++;
    } else {
      const nextAttemptAt = new Date(now.getTime() + backoffSeconds(attempts) * 1000);
      await recordDeliveryAttempt(db, d.workspaceId, d.id, { status: 'queued', attempts, statusCode, error: outcome.error!, nextAttemptAt });
      run.retried++;
    }
    await noteEndpointOutcome(db, d.workspaceId, outcome, now, opts.mail);
  }
  return run;
}
