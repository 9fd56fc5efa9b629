import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { auditLog, users } from '../../schema';
import { auditColumns, auditConditions, type AuditFilters, type AuditRow } from '../audit-list';
import { EXPORT_PAGE_SIZE } from './page';

// The audit CSV: the audit page's filters (db/queries/audit-list.ts), oldest first, in keyset pages
// of (at, seq): rows of one transaction share their time and seq keeps them in the order written.
// The cursor keeps `at` as Postgres text, microseconds and all (a JS Date would drop them).

export type AuditExportRow = AuditRow & { cursorAt: string };

export async function* auditExportPages(db: Executor, workspaceId: string, filters: AuditFilters, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<AuditExportRow[]> {
  const where = auditConditions(workspaceId, filters);
  let after: { at: string; seq: number } | null = null;
  for (;;) {
    const rows = (await db
      .select({ ...auditColumns, cursorAt: sql<string>`${auditLog.at}::text` })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(after ? and(where, sql`(${auditLog.at}, ${auditLog.seq}) > (${after.at}::timestamptz, ${after.seq})`) : where)
      .orderBy(asc(auditLog.at), asc(auditLog.seq))
      .limit(pageSize)) as AuditExportRow[];
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { at: last.cursorAt, seq: last.seq };
  }
}
