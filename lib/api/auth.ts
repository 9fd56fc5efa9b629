import 'server-only';
import { after } from 'next/server';
import type { Database } from '../../db/client';
import { findApiKeyByHash, touchApiKey } from '../../db/queries/api-keys';
import { LAST_USED_RESOLUTION_SECONDS } from '../domain/api-keys';
import { AppError } from '../errors';
import { formatDateTime } from '../time';
import type { ApiCaller } from './endpoint';
import { bearerKey, hashApiKey } from './keys';

/**
 * Who is calling: the key in `Authorization: Bearer`, looked up by its hash. No key, an unknown key
 * and a revoked key are 401s that say which; a read-only key asking to write is a 403.
 */
export async function authenticateApiKey(db: Database, request: Request, wants: 'read' | 'write', now: Date): Promise<ApiCaller> {
  const key = bearerKey(request.headers);
  if (key === null) throw new AppError('unauthorized', 'Send your API key as "Authorization: Bearer <key>"; create one in Settings → API.', { Authorization: 'is required' });
  if (key === '' || key.length > 200) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <key>".', { Authorization: 'is not a bearer key' });
  const record = await findApiKeyByHash(db, hashApiKey(key));
  if (!record) throw new AppError('unauthorized', 'This API key is not valid.', { Authorization: 'unknown key' });
  if (record.revokedAt) {
    throw new AppError('unauthorized', `This API key (${record.prefix}…) was revoked on ${formatDateTime(record.revokedAt, 'UTC')}.`, { Authorization: 'revoked key' });
  }
  if (wants === 'write' && record.access !== 'read_write') {
    throw new AppError('forbidden', `This API key (${record.prefix}…) is read-only; create a read-write key in Settings → API to make changes.`, { Authorization: 'read-only key' });
  }
  // last used: after the answer, and at most once a minute per key. The time just read decides
  // whether to write at all, so a busy key costs no UPDATE per request; touchApiKey's own
  // condition settles concurrent requests of the same minute.
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_SECONDS * 1000) await recordUse(db, record.id, now);
  return {
    keyId: record.id,
    access: record.access,
    scope: {
      workspaceId: record.workspaceId,
      workspaceSlug: record.workspaceSlug,
      userId: null,
      // a key may do what an admin may: configure, read and pay (members stay people's business)
      role: 'admin',
      baseCurrency: record.baseCurrency,
      timeZone: record.timeZone,
    },
  };
}

async function recordUse(db: Database, keyId: string, now: Date) {
  const touch = () => touchApiKey(db, keyId, now).catch((err) => console.error('[api] could not record key use', err));
  try {
    after(touch);
  } catch {
    // outside a request (tests calling the handler directly): write it now
    await touch();
  }
}
