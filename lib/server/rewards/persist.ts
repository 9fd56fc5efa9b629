import 'server-only';
import type { Executor } from '../../../db/client';
import { insertBinding } from '../../../db/queries/customers';
import { insertEntries, insertGroupPayments, insertOrderCredits, insertUsage } from '../../../db/queries/ledger';
import type { EventRewardDecision, NewLedgerEntry, OrderCredit } from '../../engine';
import type { CustomerRow } from '../../../db/queries/customers';

export interface EventRef {
  workspaceId: string;
  /** events.id */
  id: string;
  /** each program's version, read when ingestion took its FOR SHARE hold (none for refunds) */
  programVersions: ReadonlyMap<string, number>;
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
  const entries = withProgramVersions(event.programVersions, decision.entries);
  const written = await insertEntries(db, entries, { workspaceId: event.workspaceId, eventId: event.id, customerId: customer.id, createdAt: now });
  await insertGroupPayments(db, event.workspaceId, event.id, decision.groupDecisions);
  await insertUsage(db, event.workspaceId, customer.id, event.id, decision.usage, now);
  await insertOrderCredits(db, event.workspaceId, event.id, decision.credits ?? []);
  return written;
}

/**
 * Each commission names the version of its program's terms it was computed with, so it stays
 * explainable after the terms change. ingestEvent read the versions when it took its hold on the
 * program rows, before the engine read them, so they are the ones the engine used.
 */
function withProgramVersions(versions: ReadonlyMap<string, number>, entries: NewLedgerEntry[]): NewLedgerEntry[] {
  return entries.map((e) => {
    const version = e.programId ? versions.get(e.programId) : undefined;
    return version === undefined ? e : { ...e, explanation: { ...e.explanation, programVersion: version } };
  });
}
