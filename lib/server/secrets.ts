import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/client';
import { deleteWorkspaceSecret, findWorkspaceSecret, upsertWorkspaceSecret } from '../../db/queries/secrets';
import type { SecretKind } from '../domain/integrations';
import { env } from '../env';
import { AppError } from '../errors';

export type { SecretKind };

// Signing secrets must be usable for HMAC, so they are encrypted rather than hashed:
// AES-256-GCM with a key derived from APP_ENCRYPTION_KEY (or AUTH_SECRET), stored as
// v1.<iv>.<tag>.<ciphertext> in base64url.
function key(): Buffer {
  const material = env().APP_ENCRYPTION_KEY ?? env().AUTH_SECRET;
  if (!material) throw new AppError('internal', 'APP_ENCRYPTION_KEY or AUTH_SECRET must be set to store secrets.');
  return createHash('sha256').update(`partnerledger-secrets:${material}`).digest();
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new AppError('internal', 'A stored secret is unreadable.');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** Stores (or replaces) a workspace's secret of one kind. */
export async function saveSecret(db: Executor, workspaceId: string, kind: SecretKind, plain: string, url?: string | null) {
  await upsertWorkspaceSecret(db, workspaceId, kind, encryptSecret(plain), url ?? null);
}

/** The plain secret, or undefined when the workspace has none of this kind. */
export async function loadSecret(db: Executor, workspaceId: string, kind: SecretKind): Promise<{ secret: string; url: string | null } | undefined> {
  const row = await findWorkspaceSecret(db, workspaceId, kind);
  return row ? { secret: decryptSecret(row.secretEncrypted), url: row.url } : undefined;
}

export async function deleteSecret(db: Executor, workspaceId: string, kind: SecretKind) {
  await deleteWorkspaceSecret(db, workspaceId, kind);
}

/** A new random signing secret in the usual whsec_ form. */
export const newSigningSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;
