import 'server-only';
import { createHash } from 'node:crypto';

/**
 * Hex SHA-256: how random tokens are stored (password resets, invitations, API keys) and how a
 * request is fingerprinted for Idempotency-Key. Fast on purpose: these are long random values, not
 * passwords a person chose (those go through lib/auth/password).
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
