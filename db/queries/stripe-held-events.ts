import 'server-only';
import { and, arrayOverlaps, asc, eq, lte, sql } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../client';
import { stripeHeldEvents } from '../schema';
import type { HeldStripeInstruction } from '../../lib/integrations/stripe-types';

// Stripe events held until what they depend on arrives (lib/server/stripe/holds.ts says when).
// Every function but the release job's due list takes the workspace explicitly; that one lists due
// rows of every workspace, as the webhook delivery job does, and each row names its workspace.

export interface HeldStripeEvent {
  id: string;
  workspaceId: string;
  senderId: string;
  instruction: HeldStripeInstruction;
  releaseAfter: Date | null;
  attempts: number;
}

/** Holds an event; false when it is held already (a retry of it, even a concurrent one). */
export async function holdStripeEvent(
  db: Executor,
  workspaceId: string,
  input: { senderId: string; instruction: HeldStripeInstruction; waitsFor: string[]; occurredAt: Date; releaseAfter: Date | null; now: Date },
): Promise<boolean> {
  const rows = await db
    .insert(stripeHeldEvents)
    .values({
      workspaceId, senderId: input.senderId, kind: input.instruction.kind, instruction: input.instruction,
      waitsFor: input.waitsFor, occurredAt: input.occurredAt, releaseAfter: input.releaseAfter, heldAt: input.now,
    })
    .onConflictDoNothing({ target: [stripeHeldEvents.workspaceId, stripeHeldEvents.senderId] })
    .returning({ id: stripeHeldEvents.id });
  return rows.length > 0;
}

/**
 * Held events waiting for any of these Stripe ids, in their logical order: by when they happened,
 * an order before a refund of the same instant, then as they were held.
 */
export async function heldStripeEventsWaitingFor(db: Executor, workspaceId: string, stripeIds: string[]): Promise<string[]> {
  if (stripeIds.length === 0) return [];
  const rows = await db
    .select({ id: stripeHeldEvents.id })
    .from(stripeHeldEvents)
    .where(and(eq(stripeHeldEvents.workspaceId, workspaceId), arrayOverlaps(stripeHeldEvents.waitsFor, stripeIds)))
    .orderBy(asc(stripeHeldEvents.occurredAt), sql`case ${stripeHeldEvents.kind} when 'order' then 0 else 1 end`, asc(stripeHeldEvents.seq));
  return rows.map((r) => r.id);
}

/**
 * Takes one held event for release, locked so that no other release (a webhook's, the job's) takes
 * it at the same time; undefined when it is gone (released already) or being released right now.
 */
export async function claimHeldStripeEvent(tx: Transaction, workspaceId: string, id: string): Promise<HeldStripeEvent | undefined> {
  const [row] = await tx
    .select({
      id: stripeHeldEvents.id, workspaceId: stripeHeldEvents.workspaceId, senderId: stripeHeldEvents.senderId,
      instruction: stripeHeldEvents.instruction, releaseAfter: stripeHeldEvents.releaseAfter, attempts: stripeHeldEvents.attempts,
    })
    .from(stripeHeldEvents)
    .where(and(eq(stripeHeldEvents.workspaceId, workspaceId), eq(stripeHeldEvents.id, id)))
    .for('update', { skipLocked: true });
  return row;
}

/** The event was processed (in the same transaction): it is held no more. */
export async function deleteHeldStripeEvent(tx: Transaction, workspaceId: string, id: string) {
  await tx.delete(stripeHeldEvents).where(and(eq(stripeHeldEvents.workspaceId, workspaceId), eq(stripeHeldEvents.id, id)));
}

/**
 * A release failed (a missing FX rate, say): kept, with the reason, for the job to retry after a
 * backoff of 1, 2, 4 … minutes, at most 6 hours.
 */
export async function recordHeldStripeFailure(db: Executor, workspaceId: string, id: string, failure: { error: string; now: Date }) {
  await db
    .update(stripeHeldEvents)
    .set({
      lastError: failure.error.slice(0, 2000),
      attempts: sql`${stripeHeldEvents.attempts} + 1`,
      releaseAfter: sql`${failure.now}::timestamptz + least(interval '1 minute' * power(2, least(${stripeHeldEvents.attempts}, 9)), interval '6 hours')`,
    })
    .where(and(eq(stripeHeldEvents.workspaceId, workspaceId), eq(stripeHeldEvents.id, id)));
}

/** A refund looked at by the job whose order is still unknown: it waits for its order again. */
export async function keepWaitingHeldStripeEvent(db: Executor, workspaceId: string, id: string) {
  await db
    .update(stripeHeldEvents)
    .set({ releaseAfter: null })
    .where(and(eq(stripeHeldEvents.workspaceId, workspaceId), eq(stripeHeldEvents.id, id)));
}

/**
 * Held events whose time to be looked at has come, in their logical order: of every workspace (the
 * scheduled job), or of one (a per-workspace run, and tests that must not touch their neighbours).
 */
export async function dueHeldStripeEvents(
  db: Database,
  opts: { now: Date; limit: number; workspaceId?: string },
): Promise<{ id: string; workspaceId: string }[]> {
  const due = lte(stripeHeldEvents.releaseAfter, opts.now);
  return db
    .select({ id: stripeHeldEvents.id, workspaceId: stripeHeldEvents.workspaceId })
    .from(stripeHeldEvents)
    .where(opts.workspaceId ? and(eq(stripeHeldEvents.workspaceId, opts.workspaceId), due) : due)
    .orderBy(asc(stripeHeldEvents.occurredAt), sql`case ${stripeHeldEvents.kind} when 'order' then 0 else 1 end`, asc(stripeHeldEvents.seq))
    .limit(opts.limit);
}
