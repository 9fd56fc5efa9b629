import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../client';
import { AppError } from '../../../lib/errors';

// The REST API's lists walk newest first on (time, id), the order their (workspace, time) indexes
// serve. A page after a cursor is "rows strictly before the cursor row in that order".

export interface KeysetColumns {
  table: PgTable;
  workspaceId: PgColumn;
  time: PgColumn;
  id: PgColumn;
}

/** The cursor's id once it is known to be in this workspace's list; a 404 naming `starting_after` when not. */
export async function cursorOf(db: Executor, cols: KeysetColumns, workspaceId: string, startingAfter: string | undefined): Promise<string | null> {
  if (!startingAfter) return null;
  const [row] = await db
    .select({ id: cols.id })
    .from(cols.table)
    .where(and(eq(cols.workspaceId, workspaceId), eq(cols.id, startingAfter)))
    .limit(1);
  if (!row) throw new AppError('not_found', 'starting_after is not an object of this list.', { starting_after: 'not found' });
  return startingAfter;
}

/**
 * `(time, id) < (the cursor row's)` in the newest-first order, or nothing on the first page. The
 * cursor's time is read inside the query: Postgres keeps microseconds, a JavaScript Date only
 * milliseconds, and a rounded cursor would skip or repeat rows of the same millisecond.
 */
export function beforeCursor(cols: KeysetColumns, cursorId: string | null): SQL | undefined {
  if (!cursorId) return undefined;
  return sql`(${cols.time}, ${cols.id}) < (select ${cols.time}, ${cols.id} from ${cols.table} where ${cols.id} = ${cursorId}::uuid)`;
}

export function newestFirst(cols: KeysetColumns) {
  return [desc(cols.time), desc(cols.id)] as const;
}
