import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiIdempotency } from '../schema';
import { IDEMPOTENCY_TTL_HOURS } from '../../lib/domain/api-keys';

export interface IdempotencyRecord {
  id: string;
  requestHash: string;
  statusCode: number | null;
  responseBody: string | null;
}

const expired = (at: Date) => lt(apiIdempotency.createdAt, sql`${at}::timestamptz - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`);

/**
 * Claims an Idempotency-Key for a request. Exactly one of any number of concurrent callers gets
 * `{ claimed }` (the unique index decides); the others get the record as it stands. A record older
 * than 24 hours is deleted first, so the key starts afresh.
 */
export async function claimIdempotencyKey(
  db: Executor,
  workspaceId: string,
  key: string,
  requestHash: string,
  at: Date,
): Promise<{ claimed: string } | { existing: IdempotencyRecord }> {
  await db.delete(apiIdempotency).where(and(eq(apiIdempotency.workspaceId, workspaceId), eq(apiIdempotency.idempotencyKey, key), expired(at)));
  const [row] = await db
    .insert(apiIdempotency)
    .values({ workspaceId, idempotencyKey: key, requestHash, createdAt: at })
    .onConflictDoNothing()
    .returning({ id: apiIdempotency.id });
  if (row) return { claimed: row.id };
  const existing = await findIdempotencyRecord(db, workspaceId, key);
  // deleted between our insert and this read (expired and replaced): try once more
  if (!existing) return claimIdempotencyKey(db, workspaceId, key, requestHash, at);
  return { existing };
}

export async function findIdempotencyRecord(db: Executor, workspaceId: string, key: string): Promise<IdempotencyRecord | undefined> {
  const [row] = await db
    .select({ id: apiIdempotency.id, requestHash: apiIdempotency.requestHash, statusCode: apiIdempotency.statusCode, responseBody: apiIdempotency.responseBody })
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.workspaceId, workspaceId), eq(apiIdempotency.idempotencyKey, key)))
    .limit(1);
  return row;
}

export async function completeIdempotencyKey(db: Executor, id: string, statusCode: number, responseBody: string): Promise<void> {
  await db.update(apiIdempotency).set({ statusCode, responseBody }).where(eq(apiIdempotency.id, id));
}

/** Frees a key whose request failed on our side, so the client's retry runs again. */
export async function releaseIdempotencyKey(db: Executor, id: string): Promise<void> {
  await db.delete(apiIdempotency).where(eq(apiIdempotency.id, id));
}
