import 'server-only';
import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiKeys, auditLog, users } from '../schema';
import type { Json } from '../../lib/engine';

// The audit log as the console reads it: newest first (time, then the insertion order for rows of
// one transaction, which share its time), filtered and paged on the server. The CSV export uses
// the same filters through auditConditions.

export interface AuditFilters {
  /** the member who made the change */
  actorUserId?: string;
  /** the API key that made the change (a request to the REST API) */
  actorApiKeyId?: string;
  subjectType?: string;
  subjectId?: string;
  /** an exact action, `program.updated` */
  action?: string;
  /** from this instant (inclusive) */
  from?: Date;
  /** until this instant (exclusive) */
  to?: Date;
}

export interface AuditListQuery extends AuditFilters {
  page: number;
  pageSize: number;
}

export interface AuditRow {
  id: string;
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  /** set when the change came through the REST API: the key that made it, named as it is now */
  actorApiKeyId: string | null;
  actorKeyName: string | null;
  actorKeyPrefix: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: Json | null;
  after: Json | null;
  data: { [key: string]: Json };
}

/** The WHERE of a workspace's audit rows under these filters (the page and its CSV share it). */
export function auditConditions(workspaceId: string, f: AuditFilters): SQL {
  const conds: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (f.actorUserId) conds.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.actorApiKeyId) conds.push(eq(auditLog.actorApiKeyId, f.actorApiKeyId));
  if (f.subjectType) conds.push(eq(auditLog.subjectType, f.subjectType));
  if (f.subjectId) conds.push(eq(auditLog.subjectId, f.subjectId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lt(auditLog.at, f.to));
  return and(...conds)!;
}

// The acting key's name and prefix are read by correlated subqueries rather than a join, so the
// CSV export's query (db/queries/exports/audit.ts), which shares these columns and joins only
// users, needs no second join. At most one key row per audit row, by primary key.
const keyOfRow = <T>(column: typeof apiKeys.name | typeof apiKeys.prefix) =>
  sql<T>`(select ${column} from ${apiKeys} where ${apiKeys.id} = ${auditLog.actorApiKeyId})`;

export const auditColumns = {
  id: auditLog.id,
  seq: auditLog.seq,
  at: auditLog.at,
  actorUserId: auditLog.actorUserId,
  actorEmail: users.email,
  actorName: users.name,
  actorApiKeyId: auditLog.actorApiKeyId,
  actorKeyName: keyOfRow<string | null>(apiKeys.name),
  actorKeyPrefix: keyOfRow<string | null>(apiKeys.prefix),
  action: auditLog.action,
  subjectType: auditLog.subjectType,
  subjectId: auditLog.subjectId,
  before: auditLog.before,
  after: auditLog.after,
  data: auditLog.data,
};

/** One page of the log, newest first, with the total for the pager. */
export async function listAuditLog(db: Executor, workspaceId: string, q: AuditListQuery): Promise<{ rows: AuditRow[]; total: number }> {
  const where = auditConditions(workspaceId, q);
  const rows = await db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.seq))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows: rows as AuditRow[], total: total?.n ?? 0 };
}

/** What the filter bar offers: the people and API keys who appear in the log, and the actions recorded. */
export async function auditFilterChoices(db: Executor, workspaceId: string) {
  const actors = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(asc(users.email));
  const keys = await db
    .selectDistinct({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix })
    .from(auditLog)
    .innerJoin(apiKeys, eq(apiKeys.id, auditLog.actorApiKeyId))
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(asc(apiKeys.name), asc(apiKeys.prefix));
  const actions = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(asc(auditLog.action));
  return { actors, apiKeys: keys, actions: actions.map((a) => a.action) };
}

/** Whether the workspace's log has any row at all (the page's empty state differs from "no match"). */
export async function auditLogIsEmpty(db: Executor, workspaceId: string): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).limit(1);
  return !row;
}
