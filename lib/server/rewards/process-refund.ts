import 'server-only';
import { inOrder } from '../../../db/in-order';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../../../db/client';
import { events } from '../../../db/schema';
import { insertEntries, insertOrderRefund, loadEntryStates, refundedSoFar } from '../../../db/queries/ledger';
import { loadWorkspaceConfig } from '../../../db/queries/reward-state';
import { computeRefundAdjustments, Decimal, orderTotal } from '../../engine';
import { AppError } from '../../errors';
import type { IncomingEvent, OrderData } from '../../validation/events';
import type { EventRef } from './persist';

type RefundEvent = Extract<IncomingEvent, { type: 'refund' }>;

/**
 * §4.7. The original order's event row is locked, so refunds of one order are applied one after
 * the other and "refunded so far" is always exact.
 */
export async function processRefund(tx: Transaction, ref: EventRef, event: RefundEvent, now: Date) {
  const orderRef = event.data.orderId;
  const [order] = await tx
    .select({ id: events.id, payload: events.payload, customerId: events.customerId })
    .from(events)
    .where(and(eq(events.workspaceId, ref.workspaceId), eq(events.senderId, orderRef), eq(events.type, 'order'), eq(events.status, 'processed')))
    .for('update');
  if (!order) {
    throw new AppError('invalid_input', `No processed order with id ${orderRef} in this workspace.`, { 'data.orderId': 'names no known order' });
  }
  const at = new Date(event.occurredAt);
  const lines = (order.payload as { data: OrderData }).data.lines;
  const [before, entries, config] = await inOrder(
    () => refundedSoFar(tx, ref.workspaceId, orderRef),
    () => loadEntryStates(tx, ref.workspaceId, { orderRef }),
    () => loadWorkspaceConfig(tx, ref.workspaceId),
  );
  const decision = computeRefundAdjustments({
    refund: { id: event.id, at, amount: event.data.amount ?? null },
    order: { id: orderRef, total: orderTotal(lines).toFixed() },
    refundedBefore: before,
    entries,
    units: config.units,
  });
  // this refund's own share of the order (pool metrics subtract it in the period it happens)
  const total = orderTotal(lines);
  await insertOrderRefund(tx, {
    workspaceId: ref.workspaceId, eventId: ref.id, orderRef, at, appliedAmount: decision.appliedAmount,
    fraction: total.isZero() ? '0' : new Decimal(decision.appliedAmount).div(total).toFixed(),
  });
  const written = await insertEntries(tx, decision.entries, { workspaceId: ref.workspaceId, eventId: ref.id, customerId: order.customerId, createdAt: now });
  return { customerId: order.customerId, entries: written };
}
