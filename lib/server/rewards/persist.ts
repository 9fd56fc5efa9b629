import 'server-only';
import type { Executor } from '../../../db/client';
import { insertBinding } from '../../../db/queries/customers';
import { insertEntries, insertGroupPayments, insertOrderCredits, insertUsage } from '../../../db/queries/ledger';
import type { EventRewardDecision, OrderCredit } from '../../engine';
import type { CustomerRow } from '../../../db/queries/customers';

export interface EventRef {
  workspaceId: string;
  /** events.id */
  id: string;
}

/** Writes one event's decision: bindings, entries, group decisions, used-up rewards, credits. */
export async function persistEventDecision(
  db: Executor,
  event: EventRef,
  customer: CustomerRow,
  decision: EventRewardDecision & { credits?: OrderCredit[] },
  now: Date,
) {
  for (const binding of decision.newBindings) await insertBinding(db, event.workspaceId, customer.id, binding);
  const written = await insertEntries(db, decision.entries, { workspaceId: event.workspaceId, eventId: event.id, customerId: customer.id, createdAt: now });
  await insertGroupPayments(db, event.workspaceId, event.id, decision.groupDecisions);
  await insertUsage(db, event.workspaceId, customer.id, event.id, decision.usage, now);
  await insertOrderCredits(db, event.workspaceId, event.id, decision.credits ?? []);
  return written;
}
