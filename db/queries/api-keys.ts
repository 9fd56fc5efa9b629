import 'server-only';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiKeys, workspaces } from '../schema';
import { LAST_USED_RESOLUTION_SECONDS, type ApiKeyAccess } from '../../lib/domain/api-keys';

/** What a request with a key needs: the key's state and the workspace it acts in. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  access: ApiKeyAccess;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  workspaceId: string;
  workspaceSlug: string;
  baseCurrency: string;
  timeZone: string;
}

export async function findApiKeyByHash(db: Executor, keyHash: string): Promise<ApiKeyRecord | undefined> {
  const [row] = await db
    .select({
      id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, access: apiKeys.access, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt,
      workspaceId: apiKeys.workspaceId, workspaceSlug: workspaces.slug, baseCurrency: workspaces.baseCurrency, timeZone: workspaces.timeZone,
    })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(eq(apiKeys.keyHash, keyHash))
    .limit(1);
  return row;
}

/**
 * Records a use. Written at most once a minute per key (the WHERE makes the other requests of that
 * minute no-ops), so a busy integration does not turn every read into a row update.
 */
export async function touchApiKey(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`${at}::timestamptz - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS})`))));
}

export async function insertApiKey(
  db: Executor,
  input: { workspaceId: string; name: string; prefix: string; keyHash: string; access: ApiKeyAccess; createdByUserId: string | null; createdAt: Date },
) {
  const [row] = await db.insert(apiKeys).values(input).returning({ id: apiKeys.id });
  return row!;
}

export interface ApiKeyListRow {
  id: string;
  name: string;
  prefix: string;
  access: ApiKeyAccess;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Settings → API: every key of the workspace, live ones first, newest first. */
export async function listApiKeys(db: Executor, workspaceId: string): Promise<ApiKeyListRow[]> {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, access: apiKeys.access, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes a live key of this workspace; returns it as it was, or undefined (foreign, unknown or already revoked). */
export async function revokeApiKey(db: Executor, workspaceId: string, id: string, at: Date): Promise<ApiKeyListRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, access: apiKeys.access, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt });
  return row;
}
