import 'server-only';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { events, stripeOrderRefs } from '../schema';
import type { StoredEvent } from '../../lib/validation/events';

// Stripe ids → our orders. Each function takes the workspace explicitly.

/** Records that these Stripe ids belong to an order (the first order an id is given to keeps it). */
export async function recordStripeOrderRefs(db: Executor, workspaceId: string, orderRef: string, stripeIds: string[]) {
  const ids = [...new Set(stripeIds.filter(Boolean))];
  if (ids.length === 0) return;
  await db
    .insert(stripeOrderRefs)
    .values(ids.map((stripeId) => ({ workspaceId, stripeId, orderRef })))
    .onConflictDoNothing({ target: [stripeOrderRefs.workspaceId, stripeOrderRefs.stripeId] });
}

/** Every Stripe id recorded for an order (its payments, its session, its subscription…). */
export async function stripeIdsOfOrder(db: Executor, workspaceId: string, orderRef: string): Promise<string[]> {
  const rows = await db
    .select({ stripeId: stripeOrderRefs.stripeId })
    .from(stripeOrderRefs)
    .where(and(eq(stripeOrderRefs.workspaceId, workspaceId), eq(stripeOrderRefs.orderRef, orderRef)));
  return rows.map((r) => r.stripeId);
}

export interface StripeOrderRow {
  id: string;
  senderId: string;
  payload: StoredEvent;
}

/**
 * The processed Stripe order that any of these Stripe ids names: an order named after one of them
 * (orders are named after their invoice, payment intent or session), or one they were recorded for
 * (stripe_order_refs). Both lookups are indexed. The first order recorded wins if several match.
 * With `lock`, the order's row is locked FOR UPDATE, so that refunds of one order are computed one
 * after the other (the refund service takes the same row lock later in the same transaction).
 */
export async function findProcessedStripeOrder(
  db: Executor,
  workspaceId: string,
  stripeIds: string[],
  opts: { lock?: boolean } = {},
): Promise<StripeOrderRow | undefined> {
  if (stripeIds.length === 0) return undefined;
  const mapped = db
    .select({ orderRef: stripeOrderRefs.orderRef })
    .from(stripeOrderRefs)
    .where(and(eq(stripeOrderRefs.workspaceId, workspaceId), inArray(stripeOrderRefs.stripeId, stripeIds)));
  const query = db
    .select({ id: events.id, senderId: events.senderId, payload: events.payload })
    .from(events)
    .where(and(
      eq(events.workspaceId, workspaceId), eq(events.type, 'order'), eq(events.source, 'stripe'), eq(events.status, 'processed'),
      or(inArray(events.senderId, stripeIds), inArray(events.senderId, mapped)),
    ))
    .orderBy(asc(events.seq))
    .limit(1);
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

/** The cumulative `amount_refunded` of one charge that each of our earlier refund events recorded. */
export async function stripeChargeRefundsSeen(db: Executor, workspaceId: string, orderRef: string, chargeId: string) {
  const rows = await db
    .select({ senderId: events.senderId, amountRefunded: sql<string | null>`${events.payload} -> 'stripe' ->> 'amountRefunded'` })
    .from(events)
    .where(and(
      eq(events.workspaceId, workspaceId), eq(events.orderRef, orderRef), eq(events.type, 'refund'), eq(events.source, 'stripe'),
      sql`${events.payload} -> 'stripe' ->> 'charge' = ${chargeId}`,
    ));
  return rows.map((r) => ({ senderId: r.senderId, amountRefunded: Number(r.amountRefunded ?? 0) }));
}
