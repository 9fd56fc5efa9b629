import 'server-only';
import { inOrder } from '../../../db/in-order';
import type { Transaction } from '../../../db/client';
import { lockProcessedOrder } from '../../../db/queries/events';
import { insertEntries, insertOrderRefund, loadEntryStates, refundedSoFar } from '../../../db/queries/ledger';
import { loadWorkspaceConfig } from '../../../db/queries/reward-state';
import { computeRefundAdjustments, Decimal, orderTotal } from '../../engine';
import { AppError } from '../../errors';
import type { IncomingEvent } from '../../validation/events';
import type { EventRef } from './persist';
import { enqueueWebhooks } from '../webhooks/outbox';
import { entryReversedData } from '../webhooks/payloads';

type RefundEvent = Extract<IncomingEvent, { type: 'refund' }>;

/**
 * §4.7. The original order's event row is locked, so refunds of one order are applied one after
 * the other and "refunded so far" is always exact.
 */
export async function processRefund(tx: Transaction, ref: EventRef, event: RefundEvent, now: Date) {
  const orderRef = event.data.orderId;
  const order = await lockProcessedOrder(tx, ref.workspaceId, orderRef);
  if (!order) {
    throw new AppError('invalid_input', `No processed order with id ${orderRef} in this workspace.`, { 'data.orderId': 'names no known order' });
  }
  if (order.payload.type !== 'order') throw new Error(`event ${order.id} is stored as an order but its payload is a ${order.payload.type}`);
  const lines = order.payload.data.lines;
  const at = new Date(event.occurredAt);
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
  // RETURNING gives the rows in the VALUES order, so written[i] is decision.entries[i]
  const currency = order.payload.data.currency;
  await enqueueWebhooks(tx, ref.workspaceId, 'entry.reversed', written.map((entry, i) => entryReversedData({
    entry: { ...entry, reversesEntryId: decision.entries[i].reversesEntryId, orderId: orderRef },
    refund: { eventId: event.id, orderId: orderRef, amount: decision.appliedAmount, currency },
  })), now);
  // a refund attributes nothing: its entries say what they reverse
  return { customerId: order.customerId, entries: written, accounts: undefined };
}
