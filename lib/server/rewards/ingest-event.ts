import 'server-only';
import type { Executor, Transaction } from '../../../db/client';
import { findEventResult, insertRawEvent, markEventProcessed } from '../../../db/queries/events';
import { lockProgramVersions } from '../../../db/queries/program-versions';
import { AppError } from '../../errors';
import { EngineError } from '../../engine';
import type { EventResult, EventSource } from '../../domain/events';
import type { IncomingEvent } from '../../validation/events';
import { processOrder } from './process-order';
import { processRefund } from './process-refund';
import { processMilestone } from './process-milestone';
import { enqueueWebhooks } from '../webhooks/outbox';

export interface IngestOutcome {
  duplicate: boolean;
  result: EventResult;
}

/**
 * §2/§7: store the raw event, then compute from the stored copy, in one transaction. The unique
 * (workspace, sender id) index makes a concurrent repeat wait for the first and then find its
 * result, so ten copies at once give one set of entries and ten identical answers. A refusal
 * (fx_rate_missing, an unknown order) rolls everything back: nothing half-written remains, and the
 * sender can retry the same id once the cause is fixed.
 */
export async function ingestEvent(
  /** a database handle, or an open transaction (the work then runs in a savepoint of it) */
  db: Executor,
  workspaceId: string,
  event: IncomingEvent,
  opts: { source: EventSource; now?: Date },
): Promise<IngestOutcome> {
  const now = opts.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const stored = await insertRawEvent(tx, {
        workspaceId,
        senderId: event.id,
        type: event.type,
        source: opts.source,
        occurredAt: new Date(event.occurredAt),
        payload: event,
        orderRef: event.type === 'refund' ? event.data.orderId : event.type === 'order' ? event.id : null,
      });
      if (!stored) return { duplicate: true, result: await storedResult(tx, workspaceId, event.id) };
      // orders and milestones are valued by the programs' current terms: hold them (FOR SHARE) until
      // this commits, so an edit waits and each entry names the version that really computed it
      const programVersions = event.type !== 'refund' ? await lockProgramVersions(tx, workspaceId) : new Map<string, number>();
      const ref = { workspaceId, id: stored.id, programVersions };
      const outcome =
        event.type === 'order'
          ? await processOrder(tx, ref, event, now)
          : event.type === 'refund'
            ? await processRefund(tx, ref, event, now)
            : await processMilestone(tx, ref, event, now);
      const result: EventResult = {
        id: event.id,
        type: event.type,
        status: 'processed',
        entries: outcome.entries.map((e) => ({ id: e.id, partnerId: e.partnerId, programId: e.programId, kind: e.kind, rule: e.rule, amount: e.amount, unit: e.unit })),
      };
      await markEventProcessed(tx, workspaceId, stored.id, { result, customerId: outcome.customerId, accounts: outcome.accounts });
      await enqueueWebhooks(tx, workspaceId, 'entry.created', result.entries.map((entry) => ({ entry, event: { id: event.id, type: event.type } })), now);
      return { duplicate: false, result };
    });
  } catch (err) {
    throw err instanceof EngineError ? refusalOf(err) : err;
  }
}

/** What the sender is told when the engine refuses an event: a missing FX rate, or bad input. */
export function refusalOf(err: EngineError): AppError {
  return new AppError(err.code === 'fx_rate_missing' ? 'fx_rate_missing' : 'invalid_input', err.message);
}

async function storedResult(tx: Transaction, workspaceId: string, senderId: string): Promise<EventResult> {
  const result = await findEventResult(tx, workspaceId, senderId);
  if (!result) throw new AppError('conflict', `Event ${senderId} is still being processed; retry shortly.`);
  return result;
}
