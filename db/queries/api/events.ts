import 'server-only';
import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { customers, events } from '../../schema';
import type { EventStatus, EventType } from '../../../lib/domain/events';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// GET /api/v1/events: a workspace's stored events, newest first by the time they occurred (the
// console's order), in keyset pages of (occurred_at, id).

const keyset: KeysetColumns = { table: events, workspaceId: events.workspaceId, time: events.occurredAt, id: events.id };

export interface ApiEventFilters {
  type?: EventType;
  status?: EventStatus;
  /** the merchant's own event id */
  senderId?: string;
  /** occurred on or after */
  from?: Date;
  /** occurred before */
  to?: Date;
}

const eventColumns = {
  id: events.id,
  senderId: events.senderId,
  type: events.type,
  source: events.source,
  status: events.status,
  occurredAt: events.occurredAt,
  receivedAt: events.receivedAt,
  orderRef: events.orderRef,
  errorCode: events.errorCode,
  result: events.result,
  customerExternalId: customers.externalId,
};

export type ApiEventRow = Awaited<ReturnType<typeof selectEvents>>[number];

function selectEvents(db: Executor, where: SQL | undefined) {
  return db.select(eventColumns).from(events).leftJoin(customers, eq(customers.id, events.customerId)).where(where);
}

/** One page (`limit + 1` rows, so the caller knows whether more follow). */
export async function listApiEvents(db: Executor, workspaceId: string, f: ApiEventFilters, page: { limit: number; startingAfter?: string }) {
  const cursor = await cursorOf(db, keyset, workspaceId, page.startingAfter);
  const conds: (SQL | undefined)[] = [eq(events.workspaceId, workspaceId), beforeCursor(keyset, cursor)];
  if (f.type) conds.push(eq(events.type, f.type));
  if (f.status) conds.push(eq(events.status, f.status));
  if (f.senderId) conds.push(eq(events.senderId, f.senderId));
  if (f.from) conds.push(gte(events.occurredAt, f.from));
  if (f.to) conds.push(lt(events.occurredAt, f.to));
  return selectEvents(db, and(...conds))
    .orderBy(...newestFirst(keyset))
    .limit(page.limit + 1);
}

/** One event by our id; another workspace's id is simply not found. */
export async function findApiEvent(db: Executor, workspaceId: string, id: string): Promise<ApiEventRow | undefined> {
  const [row] = await selectEvents(db, and(eq(events.workspaceId, workspaceId), eq(events.id, id)));
  return row;
}

/** One event by the merchant's own id (what POST /events answers with after ingesting it). */
export async function findApiEventBySender(db: Executor, workspaceId: string, senderId: string): Promise<ApiEventRow | undefined> {
  const [row] = await selectEvents(db, and(eq(events.workspaceId, workspaceId), eq(events.senderId, senderId)));
  return row;
}
