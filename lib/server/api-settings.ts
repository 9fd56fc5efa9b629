import 'server-only';
import type { Database } from '../../db/client';
import { setEventsPerMinute } from '../../db/queries/workspaces';
import { lockWorkspaceSettings } from '../../db/queries/workspace-settings';
import { findWorkspaceSecret } from '../../db/queries/secrets';
import { recordAudit } from '../../db/queries/audit';
import { env } from '../env';
import { AppError } from '../errors';
import { loadSecret, newSigningSecret, saveSecret } from './secrets';

// Settings → API: the secret storefronts sign events with, the one our outbound webhooks are
// signed with (a new secret is returned once, for the merchant to copy), and how many events a
// minute the workspace accepts. Each change is written with its audit row in one transaction;
// secrets appear there only as "set" or "rotated", never as values.

/**
 * The events API's per-workspace limit. At least one a second, so a merchant cannot lock its own
 * storefront out by a typo; at most 100,000 a minute, above any sale or backfill we have seen and
 * still a brake on a runaway loop. The default (6,000, set by the database) fits a busy sale.
 */
export const EVENTS_PER_MINUTE = { min: 60, max: 100_000 } as const;

export async function saveEventsPerMinute(db: Database, workspaceId: string, actorUserId: string | null, perMinute: number): Promise<void> {
  if (!Number.isInteger(perMinute) || perMinute < EVENTS_PER_MINUTE.min || perMinute > EVENTS_PER_MINUTE.max) {
    throw new AppError('invalid_input', 'Some fields need attention.', { eventsPerMinute: `must be a whole number from ${EVENTS_PER_MINUTE.min} to ${EVENTS_PER_MINUTE.max}` });
  }
  await db.transaction(async (tx) => {
    const current = await lockWorkspaceSettings(tx, workspaceId);
    if (!current) throw new AppError('not_found', 'Workspace not found.');
    if (current.eventsPerMinute === perMinute) return;
    await setEventsPerMinute(tx, workspaceId, perMinute);
    await recordAudit(tx, {
      workspaceId, actorUserId, action: 'settings.events_per_minute_changed', subjectType: 'settings', subjectId: 'events_per_minute',
      before: { eventsPerMinute: current.eventsPerMinute }, after: { eventsPerMinute: perMinute },
    });
  });
}

/** Creates or replaces the events secret; the old one stops working at once. */
export async function rotateEventsSecret(db: Database, workspaceId: string, actorUserId: string | null): Promise<{ secret: string }> {
  const secret = newSigningSecret();
  await db.transaction(async (tx) => {
    const existed = Boolean(await findWorkspaceSecret(tx, workspaceId, 'events'));
    await saveSecret(tx, workspaceId, 'events', secret);
    await recordAudit(tx, {
      workspaceId, actorUserId, action: existed ? 'secret.rotated' : 'secret.created', subjectType: 'secret', subjectId: 'events',
      before: { configured: existed }, after: { configured: true },
    });
  });
  return { secret };
}

/**
 * Points outbound webhooks at `url`. The signing secret is created the first time and replaced
 * only when asked, so changing the URL does not break a receiver that already verifies.
 * Returns the new secret when there is one.
 */
export async function saveWebhookEndpoint(
  db: Database, workspaceId: string, actorUserId: string | null, input: { url: string; rotate: boolean },
): Promise<{ newSecret?: string }> {
  assertDeliverable(input.url);
  return db.transaction(async (tx) => {
    const existing = await loadSecret(tx, workspaceId, 'outbound');
    const newSecret = input.rotate || !existing ? newSigningSecret() : undefined;
    await saveSecret(tx, workspaceId, 'outbound', newSecret ?? existing!.secret, input.url);
    if (existing?.url !== input.url || newSecret) {
      await recordAudit(tx, {
        workspaceId, actorUserId, action: 'webhook.endpoint_saved', subjectType: 'webhook', subjectId: 'outbound',
        before: existing ? { url: existing.url } : null, after: { url: input.url },
        data: { secret: !existing ? 'created' : newSecret ? 'rotated' : 'unchanged' },
      });
    }
    return newSecret ? { newSecret } : {};
  });
}

/** Payouts and rewards travel in these bodies: in production only over TLS (loopback aside, for local receivers). */
function assertDeliverable(url: string) {
  if (url.startsWith('https://') || env().NODE_ENV !== 'production' || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test(url)) return;
  throw new AppError('invalid_input', 'Some fields need attention.', { url: 'must use https' });
}
