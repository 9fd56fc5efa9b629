import 'server-only';
import type { Database, Executor } from '../../../db/client';
import { findEventResult } from '../../../db/queries/events';
import {
  claimHeldStripeEvent, deleteHeldStripeEvent, heldStripeEventsWaitingFor, holdStripeEvent, keepWaitingHeldStripeEvent, recordHeldStripeFailure,
} from '../../../db/queries/stripe-held-events';
import { findProcessedStripeOrder, stripeIdsOfOrder } from '../../../db/queries/stripe-orders';
import { AppError } from '../../errors';
import type { HeldStripeInstruction } from '../../integrations/stripe-types';
import type { IngestOutcome } from '../rewards/ingest-event';
import { applyChargeRefund, chargeRefundId, chargeStripeIds, processStripeOrder } from './process';

// Stripe does not deliver the events of one purchase in order. An event that cannot be decided yet
// is held (stripe_held_events), Stripe is answered 200, and the event is decided as soon as what it
// waits for is known:
//   - an invoice a Checkout Session may stand behind waits for the session's order, at most GRACE_MS;
//   - a later invoice of a subscription waits for the subscription's first order, at most GRACE_MS;
//   - a refund waits for its order, however long that takes (a refund is never guessed).
// Events keep their own occurredAt, so the ledger does not depend on when they were released.
//
// No wake-up is lost without any lock: whoever makes something known commits it and only then looks
// for what waits for it; whoever holds an event commits the hold and only then looks again whether
// what it waits for has become known meanwhile. Of two such transactions one commits first, and the
// other's later look sees it. A held row is released under FOR UPDATE SKIP LOCKED and deleted in
// the transaction that processes its event, so it is processed once.

/**
 * How long an order waits for a Checkout Session or a subscription's first order before it is
 * decided without it. Stripe sends the events of one purchase within seconds, and retries a failed
 * delivery on one schedule per event, so events of one purchase are rarely an hour apart; waiting
 * longer would only delay the first commission of subscriptions created through the API, which
 * have no session to wait for.
 */
export const GRACE_MS = 60 * 60_000;

export type HeldOutcome = { held: true; id: string; reason: string };

/** Whether what the instruction waits for is known now. */
export async function canDecideNow(db: Executor, workspaceId: string, ins: HeldStripeInstruction): Promise<boolean> {
  const waitsFor = waitKeys(ins);
  return waitsFor.length === 0 || Boolean(await findProcessedStripeOrder(db, workspaceId, waitsFor));
}

/** The Stripe ids whose order, once processed, makes the instruction decidable. */
function waitKeys(ins: HeldStripeInstruction): string[] {
  if (ins.kind === 'refund') return chargeStripeIds(ins.charge);
  return ins.awaits ? [ins.awaits.key] : [];
}

/**
 * Holds an instruction (a retry of one already held holds nothing more), then looks again, since
 * what it waits for may have been decided between the caller's check and this hold. Answers the
 * event's result when that second look released it, else that it is held.
 */
export async function holdStripeInstruction(db: Database, workspaceId: string, ins: HeldStripeInstruction, now: Date): Promise<IngestOutcome | HeldOutcome> {
  const senderId = ins.kind === 'order' ? ins.event.id : chargeRefundId(ins.charge);
  const occurredAt = new Date(ins.kind === 'order' ? ins.event.occurredAt : ins.occurredAt);
  const waitsFor = waitKeys(ins);
  const releaseAfter = ins.kind === 'order' ? new Date(now.getTime() + GRACE_MS) : null;
  await holdStripeEvent(db, workspaceId, { senderId, instruction: ins, waitsFor, occurredAt, releaseAfter, now });
  await releaseWaiting(db, workspaceId, waitsFor, now);
  const result = await findEventResult(db, workspaceId, senderId);
  if (result) return { duplicate: false, result };
  return { held: true, id: senderId, reason: heldReason(ins) };
}

function heldReason(ins: HeldStripeInstruction): string {
  if (ins.kind === 'refund') return `no order is known yet for charge ${ins.charge.id}; the refund is applied when its order arrives`;
  if (ins.awaits?.for === 'checkout_session') return `invoice ${ins.event.id} waits for its Checkout Session, which carries the referral (at most ${GRACE_MS / 60_000} minutes)`;
  return `invoice ${ins.event.id} waits for the first order of subscription ${ins.awaits?.key} (at most ${GRACE_MS / 60_000} minutes)`;
}

/**
 * Releases, in their logical order, the held events that wait for any of these Stripe ids and can
 * be decided now; then what those releases made known in turn (a session releases its first
 * invoice and the subscription's renewals; a renewal releases the refund of its charge).
 */
export async function releaseWaiting(db: Database, workspaceId: string, stripeIds: string[], now: Date): Promise<number> {
  const looked = new Set<string>();
  let next = stripeIds;
  let released = 0;
  while (next.length > 0) {
    const keys = next.filter((k) => !looked.has(k));
    keys.forEach((k) => looked.add(k));
    next = [];
    for (const id of await heldStripeEventsWaitingFor(db, workspaceId, keys)) {
      const known = await releaseHeldStripeEvent(db, workspaceId, id, { now, force: false });
      if (known) {
        released++;
        next.push(...known);
      }
    }
  }
  return released;
}

/**
 * Decides one held event if it can be decided (or, with `force`, an order whose grace period is
 * over), in one transaction with the deletion of its row. Returns the Stripe ids it made known, or
 * undefined when it stays held. A failure (a missing FX rate, say) keeps it held with the reason
 * and a retry time for the release job: Stripe was answered long ago and will not send it again.
 */
export async function releaseHeldStripeEvent(db: Database, workspaceId: string, id: string, opts: { now: Date; force: boolean }): Promise<string[] | undefined> {
  try {
    return await db.transaction(async (tx) => {
      const row = await claimHeldStripeEvent(tx, workspaceId, id);
      if (!row) return undefined;
      const ins = row.instruction;
      if (!(await canDecideNow(tx, workspaceId, ins)) && !(opts.force && ins.kind === 'order')) {
        // the job looked at a refund whose order is still unknown: it goes back to waiting for it
        if (opts.force) await keepWaitingHeldStripeEvent(tx, workspaceId, id);
        return undefined;
      }
      if (ins.kind === 'order') {
        await processStripeOrder(tx, workspaceId, ins, opts.now);
      } else if (!(await applyChargeRefund(tx, workspaceId, ins, opts.now))) {
        throw new AppError('internal', `Refund ${chargeRefundId(ins.charge)} found no order although one was known.`);
      }
      await deleteHeldStripeEvent(tx, workspaceId, id);
      return ins.kind === 'order' ? [ins.event.id, ...(await stripeIdsOfOrder(tx, workspaceId, ins.event.id))] : [];
    });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (!(err instanceof AppError) || err.code === 'internal') console.error(`[stripe] could not release held event ${id} of workspace ${workspaceId}`, err);
    await recordHeldStripeFailure(db, workspaceId, id, { error, now: opts.now });
    return undefined;
  }
}
