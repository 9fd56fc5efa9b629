import type { Redis } from '@upstash/redis';
import { trackingKeys } from './keys';

/**
 * One click as it waits in Redis for the flush job (lib/server/tracking/flush-clicks.ts). It
 * carries everything the clicks row needs, so the flush never looks anything up but the link's
 * existence.
 */
export interface ClickMessage {
  v: 1;
  id: string;
  code: string;
  workspaceId: string;
  linkId: string;
  partnerId: string;
  programId: string;
  visitorId: string;
  /** ISO 8601, when the edge saw the request */
  at: string;
  bot: boolean;
  ua: string | null;
  referrer: string | null;
  country: string | null;
}

export const DEDUPE_SECONDS = 60 * 60;

/**
 * How long a queued click's own record (trackingKeys.queuedClick) may outlive a flush that failed
 * to delete it. The flush deletes it as soon as the click is in Postgres, so Redis normally holds
 * one record per click still in the queue; the expiry only collects leftovers. A day also keeps a
 * click findable by an order through a long outage of the flush job.
 */
export const QUEUED_CLICK_SECONDS = 24 * 60 * 60;

export interface RecordedClick {
  /**
   * The edge's verdict on the spec's "repeated clicks within 1 hour count once": false when the
   * visitor's counted click on this link is less than an hour old; null for bots (never counted).
   */
  countsAsNew: boolean | null;
}

/**
 * Records clicks in one pipelined round trip: per human click, SET the visitor+link dedupe key
 * (NX EX 3600); per click, SET its own record under its id (the very string that is queued), so an
 * order naming it finds it with one GET (lib/server/tracking/ensure-click-stored.ts); then one
 * RPUSH of every click onto the pending list. The record is set before the push: the flush, which
 * deletes it once the click is stored, can then never run before it exists.
 *
 * Every click is pushed, repeats included, so a click the edge accepted always reaches Postgres
 * and the stored history is complete. What counts is decided from the stored times by the engine
 * (lib/engine/clicks.ts), with the same rule as this key: it lives one hour from the last counted
 * click, a repeat does not extend it, and bots never set it. Its reply is the edge's live verdict
 * (exposed as counters); it cannot change what is stored, because the commands travel together.
 */
export async function recordClicksInRedis(redis: Redis, clicks: readonly ClickMessage[]): Promise<RecordedClick[]> {
  if (clicks.length === 0) return [];
  const p = redis.pipeline();
  const humans = clicks.filter((c) => !c.bot);
  for (const click of humans) p.set(trackingKeys.seen(click.linkId, click.visitorId), click.id, { nx: true, ex: DEDUPE_SECONDS });
  const messages = clicks.map((c) => JSON.stringify(c));
  clicks.forEach((c, i) => p.set(trackingKeys.queuedClick(c.id), messages[i], { ex: QUEUED_CLICK_SECONDS }));
  p.rpush(trackingKeys.pendingClicks(), ...messages);
  const replies = (await p.exec()) as unknown[];
  let h = 0;
  return clicks.map((c) => ({ countsAsNew: c.bot ? null : replies[h++] === 'OK' }));
}

export async function recordClickInRedis(redis: Redis, click: ClickMessage): Promise<RecordedClick> {
  return (await recordClicksInRedis(redis, [click]))[0];
}
