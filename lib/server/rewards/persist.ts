import 'server-only';
import type { Executor } from '../../../db/client';
import { insertBinding } from '../../../db/queries/customers';
import { insertEntries, insertGroupPayments, insertOrderCredits, insertUsage } from '../../../db/queries/ledger';
import { currentProgramVersions } from '../../../db/queries/program-versions';
import type { EventRewardDecision, NewLedgerEntry, OrderCredit } from '../../engine';
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
  const entries = await withProgramVersions(db, event.workspaceId, decision.entries);
  const written = await insertEntries(db, entries, { workspaceId: event.workspaceId, eventId: event.id, customerId: customer.id, createdAt: now });
  await insertGroupPayments(db, event.workspaceId, event.id, decision.groupDecisions);
  await insertUsage(db, event.workspaceId, customer.id, event.id, decision.usage, now);
  await insertOrderCredits(db, event.workspaceId, event.id, decision.credits ?? []);
  return written;
}

/**
 * Each commission names the version of its program's terms it was computed with, so it stays
 * explainable after the terms change. ingestEvent holds the program rows since before the engine
 * read them, so the version read here is the one the engine used.
 */
async function withProgramVersions(db: Executor, workspaceId: string, entries: NewLedgerEntry[]): Promise<NewLedgerEntry[]> {
  const programIds = [...new Set(entries.flatMap((e) => (e.programId ? [e.programId] : [])))];
  if (programIds.length === 0) return entries;
  const versions = await currentProgramVersions(db, workspaceId, programIds);
  return entries.map((e) => {
    const version = e.programId ? versions.get(e.programId) : undefined;
    return version === undefined ? e : { ...e, explanation: { ...e.explanation, programVersion: version } };
  });
}
