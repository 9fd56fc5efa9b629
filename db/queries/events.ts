import 'server-only';
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers, events, ledgerEntries, orderCredits, orderRefunds, partners, programs } from '../schema';
import type { Explanation } from '../../lib/engine';
import type { EventProgramAccount, EventResult, EventSource, EventType } from '../../lib/domain/events';
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
  customerExternalId: string | null;
}

/**
 * Console events table: paged and sorted in SQL (index events_workspace_type_time_idx). Equal sort
 * keys fall back to arrival order (`seq`), so events of one instant list as they came in.
 */
export async function listEvents(
  db: Executor,
  workspaceId: string,
  q: { page: number; pageSize: number; sort: 'occurredAt' | 'senderId'; dir: 'asc' | 'desc'; type?: EventType; search?: string },
) {
  const filters: SQL[] = [eq(events.workspaceId, workspaceId)];
  if (q.type) filters.push(eq(events.type, q.type));
  if (q.search) {
    const term = `%${q.search.replace(/[%_\\]/g, '\\$&')}%`;
    filters.push(or(ilike(events.senderId, term), ilike(events.orderRef, term), ilike(customers.externalId, term))!);
  }
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
      customerExternalId: customers.externalId,
    })
    .from(events)
    .leftJoin(customers, eq(customers.id, events.customerId))
    .where(where)
    .orderBy(q.dir === 'asc' ? asc(col) : desc(col), asc(events.seq))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(events).leftJoin(customers, eq(customers.id, events.customerId)).where(where);
  return { rows, total: total?.n ?? 0 };
}

/**
 * One event with everything its page explains: the stored payload, its customer, the entries it
 * wrote (with their explanations), what it credited per program, and the order a refund names or
 * the refunds an order received. Scoped to the workspace: another tenant's id is not found.
 */
export async function findEventDetail(db: Executor, workspaceId: string, eventId: string) {
  const [event] = await db
    .select({
      id: events.id, senderId: events.senderId, type: events.type, source: events.source, status: events.status, errorCode: events.errorCode,
      occurredAt: events.occurredAt, receivedAt: events.receivedAt, payload: events.payload, orderRef: events.orderRef, accounts: events.accounts,
      customerId: events.customerId, customerExternalId: customers.externalId, customerEmail: customers.email,
    })
    .from(events)
    .leftJoin(customers, eq(customers.id, events.customerId))
    .where(and(eq(events.workspaceId, workspaceId), eq(events.id, eventId)));
  if (!event) return undefined;
  const entries = await db
    .select({
      id: ledgerEntries.id, partnerId: ledgerEntries.partnerId, partnerName: partners.name, programId: ledgerEntries.programId, programName: programs.name,
      kind: ledgerEntries.kind, rule: ledgerEntries.rule, ruleName: ledgerEntries.ruleName, amount: ledgerEntries.amount, unit: ledgerEntries.unit,
      payableAt: ledgerEntries.payableAt, reversesEntryId: ledgerEntries.reversesEntryId, explanation: ledgerEntries.explanation,
    })
    .from(ledgerEntries)
    .innerJoin(partners, eq(partners.id, ledgerEntries.partnerId))
    .leftJoin(programs, eq(programs.id, ledgerEntries.programId))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.eventId, event.id)))
    .orderBy(asc(ledgerEntries.seq));
  const credits = await db
    .select({ programId: orderCredits.programId, partnerId: orderCredits.partnerId, share: orderCredits.share, creditedRevenueBase: orderCredits.creditedRevenueBase })
    .from(orderCredits)
    .where(and(eq(orderCredits.workspaceId, workspaceId), eq(orderCredits.eventId, event.id)));
  const orderRow =
    event.type === 'refund' && event.orderRef
      ? (await db
          .select({
            id: events.id, senderId: events.senderId, occurredAt: events.occurredAt, payload: events.payload,
            commissions: sql<number>`(select count(*)::int from ledger_entries le where le.workspace_id = ${workspaceId} and le.order_ref = ${event.orderRef} and le.kind = 'commission')`,
          })
          .from(events)
          .where(and(eq(events.workspaceId, workspaceId), eq(events.senderId, event.orderRef), eq(events.type, 'order'))))[0]
      : undefined;
  const [applied] =
    event.type === 'refund'
      ? await db.select({ amount: orderRefunds.appliedAmount, fraction: orderRefunds.fraction }).from(orderRefunds).where(and(eq(orderRefunds.workspaceId, workspaceId), eq(orderRefunds.eventId, event.id)))
      : [];
  const order = orderRow
    ? {
        id: orderRow.id, senderId: orderRow.senderId, occurredAt: orderRow.occurredAt, commissions: orderRow.commissions,
        currency: orderRow.payload.type === 'order' ? orderRow.payload.data.currency : null, applied: applied ?? null,
      }
    : null;
  const refunds =
    event.type === 'order'
      ? await db
          .select({ id: events.id, senderId: events.senderId, occurredAt: orderRefunds.at, appliedAmount: orderRefunds.appliedAmount })
          .from(orderRefunds)
          .innerJoin(events, eq(events.id, orderRefunds.eventId))
          .where(and(eq(orderRefunds.workspaceId, workspaceId), eq(orderRefunds.orderRef, event.senderId)))
          .orderBy(asc(orderRefunds.at), asc(events.seq))
      : [];
  return { event, entries: entries as (Omit<(typeof entries)[number], 'explanation'> & { explanation: Explanation })[], credits, order, refunds };
}

export type EventDetail = NonNullable<Awaited<ReturnType<typeof findEventDetail>>>;

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
export async function markEventProcessed(
  db: Executor,
  workspaceId: string,
  eventId: string,
  outcome: { result: EventResult; customerId: string | null; accounts?: EventProgramAccount[] },
) {
  await db
    .update(events)
    .set({ status: 'processed', result: outcome.result, customerId: outcome.customerId, accounts: outcome.accounts ?? null })
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
