import 'server-only';
import type { Database } from '../../db/client';
import { setEventsPerMinute } from '../../db/queries/workspaces';
import { env } from '../env';
import { AppError } from '../errors';
import { loadSecret, newSigningSecret, saveSecret } from './secrets';

// Settings → API: the secret storefronts sign events with, the one our outbound webhooks are
// signed with (a new secret is returned once, for the merchant to copy), and how many events a
// minute the workspace accepts.

/**
 * The events API's per-workspace limit. At least one a second, so a merchant cannot lock its own
 * storefront out by a typo; at most 100,000 a minute, above any sale or backfill we have seen and
 * still a brake on a runaway loop. The default (6,000, set by the database) fits a busy sale.
 */
export const EVENTS_PER_MINUTE = { min: 60, max: 100_000 } as const;

export async function saveEventsPerMinute(db: Database, workspaceId: string, perMinute: number): Promise<void> {
  if (!Number.isInteger(perMinute) || perMinute < EVENTS_PER_MINUTE.min || perMinute > EVENTS_PER_MINUTE.max) {
    throw new AppError('invalid_input', 'Some fields need attention.', { eventsPerMinute: `must be a whole number from ${EVENTS_PER_MINUTE.min} to ${EVENTS_PER_MINUTE.max}` });
  }
  await setEventsPerMinute(db, workspaceId, perMinute);
}

/** Creates or replaces the events secret; the old one stops working at once. */
export async function rotateEventsSecret(db: Database, workspaceId: string): Promise<{ secret: string }> {
  const secret = newSigningSecret();
  await saveSecret(db, workspaceId, 'events', secret);
  return { secret };
}

/**
 * Points outbound webhooks at `url`. The signing secret is created the first time and replaced
 * only when asked, so changing the URL does not break a receiver that already verifies.
 * Returns the new secret when there is one.
 */
export async function saveWebhookEndpoint(db: Database, workspaceId: string, input: { url: string; rotate: boolean }): Promise<{ newSecret?: string }> {
  assertDeliverable(input.url);
  const existing = await loadSecret(db, workspaceId, 'outbound');
  const newSecret = input.rotate || !existing ? newSigningSecret() : undefined;
  await saveSecret(db, workspaceId, 'outbound', newSecret ?? existing!.secret, input.url);
  return newSecret ? { newSecret } : {};
}

/** Payouts and rewards travel in these bodies: in production only over TLS (loopback aside, for local receivers). */
function assertDeliverable(url: string) {
  if (url.startsWith('https://') || env().NODE_ENV !== 'production' || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test(url)) return;
  throw new AppError('invalid_input', 'Some fields need attention.', { url: 'must use https' });
}
