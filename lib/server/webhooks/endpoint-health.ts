import 'server-only';
import type { Database } from '../../../db/client';
import { recordAudit } from '../../../db/queries/audit';
import { makeQueuedDeliveriesDue } from '../../../db/queries/outbox';
import {
  countOutboundFailure,
  enableOutboundEndpoint,
  endpointAlertRecipients,
  lockOutboundEndpoint,
  resetOutboundFailures,
} from '../../../db/queries/webhooks';
import { env } from '../../env';
import { AppError } from '../../errors';
import { sendMail, type Mail } from '../mailer';

// An endpoint that keeps failing is switched off rather than hammered for ever: every attempt
// without a 2xx answer counts, a 2xx resets the count, and at DISABLE_AFTER failures in a row the
// endpoint is disabled. Its deliveries stay queued (nothing is lost) until an owner or admin
// re-enables it. Owners are told at each warning step and when it is disabled.

export const DISABLE_AFTER = 20;
export const WARN_AFTER = [5, 10, 15] as const;

export type Mailer = (mail: Mail) => Promise<void>;

/**
 * Records how one attempt went. The count moves in one UPDATE under the row's lock, so parallel
 * delivery runs never count an attempt twice and exactly one of them sees each of 5, 10, 15 and
 * 20: that one sends the email, which is why each goes out once per streak of failures. The
 * disabling and its audit row commit together.
 */
export async function noteEndpointOutcome(
  db: Database,
  workspaceId: string,
  outcome: { ok: boolean; error: string | null },
  now: Date,
  mail: Mailer = sendMail,
): Promise<void> {
  if (outcome.ok) {
    await resetOutboundFailures(db, workspaceId);
    return;
  }
  const counted = await db.transaction(async (tx) => {
    const row = await countOutboundFailure(tx, workspaceId, DISABLE_AFTER, now);
    if (row?.disabledAt) {
      await recordAudit(tx, {
        workspaceId, actorUserId: null, action: 'webhook.endpoint_disabled', subjectType: 'webhook', subjectId: 'outbound', at: now,
        before: { disabled: false }, after: { disabled: true, disabledAt: now.toISOString() },
        data: { url: row.url, consecutiveFailures: row.failures, lastError: outcome.error },
      });
    }
    return row;
  });
  if (!counted) return;
  const disabled = Boolean(counted.disabledAt);
  if (disabled || (WARN_AFTER as readonly number[]).includes(counted.failures)) {
    await alertOwners(db, workspaceId, { failures: counted.failures, disabled, url: counted.url ?? '', lastError: outcome.error }, mail);
  }
}

interface Alert {
  failures: number;
  disabled: boolean;
  url: string;
  lastError: string | null;
}

/**
 * One email per owner. A mail server that refuses is logged, not retried: the page shows the same
 * state, and the delivery run must go on for the other workspaces.
 */
async function alertOwners(db: Database, workspaceId: string, alert: Alert, mail: Mailer) {
  const owners = await endpointAlertRecipients(db, workspaceId);
  for (const owner of owners) {
    const message = alertMail(owner.email, owner.workspaceName, owner.workspaceSlug, alert);
    try {
      await mail(message);
    } catch (err) {
      console.error(`[webhooks] could not email ${owner.email} about ${owner.workspaceSlug}'s endpoint`, err);
    }
  }
}

export function alertMail(to: string, workspaceName: string, workspaceSlug: string, a: Alert): Mail {
  const origin = env().APP_URL?.replace(/\/+$/, '');
  const where = origin ? `${origin}/m/${workspaceSlug}/settings/webhooks` : 'Settings → Webhooks';
  const last = a.lastError ? ` The last answer: ${a.lastError}.` : '';
  const subject = a.disabled
    ? `Webhooks for ${workspaceName} are disabled after ${a.failures} failures in a row`
    : `Webhooks for ${workspaceName} failed ${a.failures} times in a row`;
  const text = a.disabled
    ? `PartnerLedger disabled the webhook endpoint ${a.url} of ${workspaceName}: ${a.failures} delivery attempts in a row got no 2xx answer.${last}\n\n` +
      'Nothing more is sent to it. Deliveries stay queued, so none is lost: fix the endpoint, press "Send test", then "Re-enable", ' +
      `and the queued ones are sent.\n\n${where}`
    : `PartnerLedger could not deliver webhooks of ${workspaceName} to ${a.url}: the last ${a.failures} attempts in a row got no 2xx answer.${last}\n\n` +
      `They are retried with backoff. After ${DISABLE_AFTER} failures in a row the endpoint is disabled until you re-enable it.\n\n${where}`;
  return { to, subject, text, logLine: `webhook endpoint email to ${to} (${workspaceSlug}): ${subject}` };
}

/**
 * Turns a disabled endpoint back on: the count starts from zero and every queued delivery is due
 * at once. Audited; a call on an endpoint that is not disabled changes nothing.
 */
export async function reenableWebhookEndpoint(db: Database, workspaceId: string, actorUserId: string | null, now = new Date()): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const endpoint = await lockOutboundEndpoint(tx, workspaceId);
    if (!endpoint?.url) throw new AppError('not_found', 'There is no webhook endpoint to re-enable; save one first.');
    if (!endpoint.disabledAt) return { changed: false };
    await enableOutboundEndpoint(tx, workspaceId);
    await makeQueuedDeliveriesDue(tx, workspaceId, now);
    await recordAudit(tx, {
      workspaceId, actorUserId, action: 'webhook.endpoint_reenabled', subjectType: 'webhook', subjectId: 'outbound', at: now,
      before: { disabled: true, disabledAt: endpoint.disabledAt.toISOString(), consecutiveFailures: endpoint.consecutiveFailures },
      after: { disabled: false, consecutiveFailures: 0 },
      data: { url: endpoint.url },
    });
    return { changed: true };
  });
}
