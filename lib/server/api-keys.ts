import 'server-only';
import type { Database } from '../../db/client';
import { insertApiKey, listApiKeys, revokeApiKey as revokeApiKeyRow, type ApiKeyListRow } from '../../db/queries/api-keys';
import { recordAudit } from '../../db/queries/audit';
import { newApiKey } from '../api/keys';
import { AppError } from '../errors';
import type { NewApiKeyInput } from '../validation/api-keys';
import type { MerchantScope } from './scope';

// Settings → API keys. A new key is returned once, for the merchant to copy; only its hash and
// first characters are stored. Creating and revoking are audited in the same transaction.

export async function createApiKey(db: Database, scope: MerchantScope, input: NewApiKeyInput, now = new Date()): Promise<{ id: string; key: string; prefix: string }> {
  const made = newApiKey();
  const id = await db.transaction(async (tx) => {
    const { id } = await insertApiKey(tx, {
      workspaceId: scope.workspaceId, name: input.name, prefix: made.prefix, keyHash: made.hash, access: input.access, createdByUserId: scope.userId, createdAt: now,
    });
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'api_key.created', subjectType: 'api_key', subjectId: id,
      after: { name: input.name, prefix: made.prefix, access: input.access },
    });
    return id;
  });
  return { id, key: made.key, prefix: made.prefix };
}

/** Revokes a key at once: its next request is a 401. Another workspace's key is not found. */
export async function revokeApiKey(db: Database, scope: MerchantScope, keyId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await revokeApiKeyRow(tx, scope.workspaceId, keyId, now);
    if (!row) throw new AppError('not_found', 'No such live API key in this workspace.');
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'api_key.revoked', subjectType: 'api_key', subjectId: keyId,
      before: { name: row.name, prefix: row.prefix, access: row.access, revoked: false }, after: { name: row.name, prefix: row.prefix, access: row.access, revoked: true },
    });
  });
}

export function apiKeysOf(db: Database, workspaceId: string): Promise<ApiKeyListRow[]> {
  return listApiKeys(db, workspaceId);
}
