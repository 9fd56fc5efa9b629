import 'server-only';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { events } from '../schema';

export type EventType = 'order' | 'refund' | 'milestone';

export interface EventListRow {
  id: string;
  senderId: string;
  type: EventType;
  source: string;
  status: string;
  occurredAt: Date;
  errorCode: string | null;
}

/** Console events table: paged and sorted in SQL (index events_workspace_type_time_idx). */
export async function listEvents(
  db: Executor,
  workspaceId: string,
  q: { page: number; pageSize: number; sort: 'occurredAt' | 'senderId'; dir: 'asc' | 'desc'; type?: EventType },
) {
  const filters: SQL[] = [eq(events.workspaceId, workspaceId)];
  if (q.type) filters.push(eq(events.type, q.type));
  const where = and(...filters);
  const col = q.sort === 'senderId' ? events.senderId : events.occurredAt;
  const rows: EventListRow[] = await db
    .select({
      id: events.id,
      senderId: events.senderId,
      type: events.type,
      source: events.source,
      status: events.status,
      occurredAt: events.occurredAt,
      errorCode: events.errorCode,
    })
    .from(events)
    .where(where)
    .orderBy(q.dir === 'asc' ? asc(col) : desc(col), asc(events.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(events).where(where);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Stores a raw event before anything is computed from it. Returns undefined when the sender id was
 * seen before (the unique index decides, so concurrent repeats cannot both insert).
 */
export async function insertRawEvent(
  db: Executor,
  input: {
    workspaceId: string;
    senderId: string;
    type: EventType;
    source: 'api' | 'stripe' | 'shopify' | 'manual' | 'seed' | 'scenario';
    occurredAt: Date;
    payload: unknown;
    orderRef?: string | null;
  },
) {
  const [row] = await db
    .insert(events)
    .values({ ...input, orderRef: input.orderRef ?? null })
    .onConflictDoNothing({ target: [events.workspaceId, events.senderId] })
    .returning({ id: events.id });
  return row;
}
