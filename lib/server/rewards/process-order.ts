import 'server-only';
import type { Transaction } from '../../../db/client';
import { lockCustomer, rememberVisitor } from '../../../db/queries/customers';
import { computeOrderRewards } from '../../engine';
import type { IncomingEvent } from '../../validation/events';
import { loadRewardContext } from './context';
import { persistEventDecision, type EventRef } from './persist';

type OrderEvent = Extract<IncomingEvent, { type: 'order' }>;

export async function processOrder(tx: Transaction, ref: EventRef, event: OrderEvent, now: Date) {
  const at = new Date(event.occurredAt);
  const d = event.data;
  const customer = await lockCustomer(tx, ref.workspaceId, d.customer.externalId, d.customer.email ?? null);
  const signals = { visitorId: d.visitorId ?? null, clickId: d.clickId ?? null, coupons: d.coupons, partnerCode: d.partnerCode ?? null };
  const ctx = await loadRewardContext(tx, ref.workspaceId, customer, signals, at);
  const decision = computeOrderRewards(ctx, {
    id: event.id,
    orderId: event.id,
    occurredAt: at,
    customer: { externalId: customer.externalId, email: customer.email },
    currency: d.currency,
    lines: d.lines,
    ...signals,
  });
  // the visitors behind this order's signals are the customer's from now on
  const ownClick = d.clickId ? ctx.clicks.find((c) => c.id === d.clickId) : undefined;
  for (const visitorId of new Set([d.visitorId, ownClick?.visitorId])) {
    if (visitorId && !ctx.knownVisitorIds.includes(visitorId)) await rememberVisitor(tx, ref.workspaceId, customer.id, visitorId, at);
  }
  const entries = await persistEventDecision(tx, ref, customer, decision, now);
  return { customerId: customer.id, entries, accounts: decision.programs };
}
