import 'server-only';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { events } from '../schema';
import type { EventResult, EventSource, EventType } from '../../lib/domain/events';
import type { StoredEvent } from '../../lib/validation/events';

export type { EventType };

export interface EventListRow {
  id: string;
  senderId: string;
  type: EventType;
  source: string;
  status: string;
  occurredAt: Date;
  errorCode: string | null;
}

/**
 * Console events table: paged and sorted in SQL (index events_workspace_type_time_idx). Equal sort
 * keys fall back to arrival order (`seq`), so events of one instant list as they came in.
 */
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
    .orderBy(q.dir === 'asc' ? asc(col) : desc(col), asc(events.seq))
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
    source: EventSource;
    occurredAt: Date;
    payload: StoredEvent;
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

/** Stores what the event produced; every repeat of its sender id is answered with this result. */
export async function markEventProcessed(db: Executor, workspaceId: string, eventId: string, outcome: { result: EventResult; customerId: string | null }) {
  await db
    .update(events)
    .set({ status: 'processed', result: outcome.result, customerId: outcome.customerId })
    .where(and(eq(events.workspaceId, workspaceId), eq(events.id, eventId)));
}

/** The stored answer for a sender id; null while the first copy is still being processed. */
export async function findEventResult(db: Executor, workspaceId: string, senderId: string): Promise<EventResult | null> {
  const [row] = await db
    .select({ result: events.result })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, senderId)));
  return row?.result ?? null;
}

/**
 * The processed order a refund names, locked FOR UPDATE: refunds of one order are then applied one
 * after the other, so "refunded so far" is always exact.
 */
export async function lockProcessedOrder(db: Executor, workspaceId: string, orderRef: string) {
  const [row] = await db
    .select({ id: events.id, payload: events.payload, customerId: events.customerId })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, orderRef), eq(events.type, 'order'), eq(events.status, 'processed')))
    .for('update');
  return row;
}
