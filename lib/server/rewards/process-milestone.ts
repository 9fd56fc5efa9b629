import 'server-only';
import type { Transaction } from '../../../db/client';
import { lockCustomer } from '../../../db/queries/customers';
import { computeMilestoneRewards } from '../../engine';
import type { IncomingEvent } from '../../validation/events';
import { loadRewardContext } from './context';
import { persistEventDecision, type EventRef } from './persist';

type MilestoneEvent = Extract<IncomingEvent, { type: 'milestone' }>;

export async function processMilestone(tx: Transaction, ref: EventRef, event: MilestoneEvent, now: Date) {
  const at = new Date(event.occurredAt);
  const customer = await lockCustomer(tx, ref.workspaceId, event.data.customer.externalId, event.data.customer.email ?? null);
  const ctx = await loadRewardContext(tx, ref.workspaceId, customer, {}, at);
  const decision = computeMilestoneRewards(ctx, {
    id: event.id,
    occurredAt: at,
    customer: { externalId: customer.externalId, email: customer.email },
    name: event.data.name,
  });
  const entries = await persistEventDecision(tx, ref, customer, decision, now);
  return { customerId: customer.id, entries, accounts: decision.programs };
}
