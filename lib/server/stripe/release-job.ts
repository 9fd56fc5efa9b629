import 'server-only';
import type { Database } from '../../../db/client';
import { dueHeldStripeEvents } from '../../../db/queries/stripe-held-events';
import { releaseHeldStripeEvent, releaseWaiting } from './holds';

export interface StripeReleaseRun {
  /** held events decided in this run, counting those their release set free */
  released: number;
  /** due events still held (a refund whose order is still unknown, a failed release) */
  kept: number;
}

/**
 * The release job: held Stripe events whose time has come, in their logical order. An order whose
 * grace period is over is decided without what it waited for (a subscription made through the API
 * has no Checkout Session; one older than this adapter has no first order on record); a failed
 * release is retried; a refund whose order is still unknown goes back to waiting for it. Whatever a
 * release makes known releases what waited for it, as when a webhook brings it.
 */
export async function releaseDueStripeEvents(
  db: Database,
  opts: { now?: Date; limit?: number; /** one workspace only; every workspace when absent */ workspaceId?: string } = {},
): Promise<StripeReleaseRun> {
  const now = opts.now ?? new Date();
  const run: StripeReleaseRun = { released: 0, kept: 0 };
  for (const due of await dueHeldStripeEvents(db, { now, limit: opts.limit ?? 200, workspaceId: opts.workspaceId })) {
    const known = await releaseHeldStripeEvent(db, due.workspaceId, due.id, { now, force: true });
    if (!known) {
      run.kept++;
      continue;
    }
    run.released += 1 + (await releaseWaiting(db, due.workspaceId, known, now));
  }
  return run;
}
