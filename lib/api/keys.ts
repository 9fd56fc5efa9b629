import 'server-only';
import { randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '../domain/api-keys';
import { sha256Hex } from '../server/sha256';

// The shape of a key: "pl_live_" and 43 characters of base64url (32 random bytes). Only its
// SHA-256 is stored; the first 12 characters are kept to tell keys apart in Settings → API.
// SHA-256 rather than a slow KDF: the key is 256 random bits, not a password a person chose, so
// there is nothing to guess, and every request must be checked fast.

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 4), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** The key in an `Authorization: Bearer <key>` header, or null when there is none. */
export function bearerKey(headers: Headers): string | null {
  const value = headers.get('authorization');
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1]! : '';
}
