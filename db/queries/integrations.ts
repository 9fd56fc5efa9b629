import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../client';
import { auditLog, events, webhookSecrets } from '../schema';
import type { StoredEvent } from '../../lib/validation/events';

export type IntegrationKind = 'stripe' | 'shopify';

/** Which payment integrations a workspace has a secret for, and since when (never the secret). */
export async function integrationSecrets(db: Executor, workspaceId: string) {
  return db
    .select({ kind: webhookSecrets.kind, createdAt: webhookSecrets.createdAt })
    .from(webhookSecrets)
    .where(and(eq(webhookSecrets.workspaceId, workspaceId), inArray(webhookSecrets.kind, ['stripe', 'shopify'])));
}

export async function recordIntegrationAudit(db: Executor, input: { workspaceId: string; actorUserId: string; kind: IntegrationKind; action: 'secret_saved' | 'secret_removed' }) {
  await db.insert(auditLog).values({
    workspaceId: input.workspaceId, actorUserId: input.actorUserId, action: `integration.${input.action}`, subjectType: 'integration', subjectId: input.kind,
  });
}

export interface StripeOrderRow {
  id: string;
  senderId: string;
  payload: StoredEvent;
}

/**
 * The processed Stripe order a payment belongs to, locked FOR UPDATE so that refunds of one order
 * are computed one after the other (the refund service takes the same row lock later in the same
 * transaction). Tries the order's own id first (unique index: orders are named after their
 * payment intent or invoice), then the payment ids stored with the order's raw event.
 */
export async function lockStripeOrderByPayment(tx: Transaction, workspaceId: string, refs: string[]): Promise<StripeOrderRow | undefined> {
  if (refs.length === 0) return undefined;
  const stripeOrders = and(eq(events.workspaceId, workspaceId), eq(events.type, 'order'), eq(events.source, 'stripe'), eq(events.status, 'processed'));
  const columns = { id: events.id, senderId: events.senderId, payload: events.payload };
  const [byId] = await tx.select(columns).from(events).where(and(stripeOrders, inArray(events.senderId, refs))).orderBy(asc(events.receivedAt)).limit(1).for('update');
  if (byId) return byId;
  // not indexed: scans the workspace's Stripe orders, which only happens for refunds of invoices
  // whose charge Stripe no longer names (API versions from 2025-03-31)
  const listed = sql.join(refs.map((r) => sql`${events.payload} -> 'stripe' -> 'refs' @> ${JSON.stringify([r])}::jsonb`), sql` or `);
  const [byRef] = await tx.select(columns).from(events).where(and(stripeOrders, sql`(${listed})`)).orderBy(asc(events.receivedAt)).limit(1).for('update');
  return byRef;
}

/** The cumulative `amount_refunded` of one charge that each of our earlier refund events recorded. */
export async function stripeChargeRefundsSeen(tx: Transaction, workspaceId: string, orderRef: string, chargeId: string) {
  const rows = await tx
    .select({ senderId: events.senderId, amountRefunded: sql<string | null>`${events.payload} -> 'stripe' ->> 'amountRefunded'` })
    .from(events)
    .where(and(
      eq(events.workspaceId, workspaceId), eq(events.orderRef, orderRef), eq(events.type, 'refund'), eq(events.source, 'stripe'),
      sql`${events.payload} -> 'stripe' ->> 'charge' = ${chargeId}`,
    ));
  return rows.map((r) => ({ senderId: r.senderId, amountRefunded: Number(r.amountRefunded ?? 0) }));
}
