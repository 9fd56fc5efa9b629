import 'server-only';
import type { Database } from '../../db/client';
import { env } from '../env';
import { AppError } from '../errors';
import { loadSecret, newSigningSecret, saveSecret } from './secrets';

// The two secrets of Settings → API: the one storefronts sign events with, and the one our
// outbound webhooks are signed with. A new secret is returned once, for the merchant to copy.

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
