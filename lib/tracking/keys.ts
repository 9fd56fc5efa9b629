import type { Redis } from '@upstash/redis';

/**
 * Every Redis key of tracking, behind an optional TRACKING_REDIS_PREFIX so that several
 * deployments, test runs or benchmarks can share one Redis without draining each other's queues.
 * Read on each use (not at import) so a test can choose its own namespace.
 */
const prefix = () => process.env.TRACKING_REDIS_PREFIX ?? '';

export const trackingKeys = {
  link: (code: string) => `${prefix()}link:${code}`,
  /** the list the edge appends clicks to and the flush job drains from the head */
  pendingClicks: () => `${prefix()}clicks:pending`,
  /** unreadable queue entries, kept for a person to look at */
  deadClicks: () => `${prefix()}clicks:dead`,
  flushLock: () => `${prefix()}clicks:flush:lock`,
  seen: (linkId: string, visitorId: string) => `${prefix()}click:seen:${linkId}:${visitorId}`,
  /**
   * One queued click's message, by click id, written next to its RPUSH: an order naming a click
   * the flush has not moved yet reads it with one GET instead of draining the queue
   */
  queuedClick: (clickId: string) => `${prefix()}click:queued:${clickId}`,
};

/**
 * Removes every key of the current TRACKING_REDIS_PREFIX: what tests and benchmarks leave behind
 * on a shared Redis. Refuses to run without a prefix, so it can never empty a real deployment.
 */
export async function deleteTrackingNamespace(redis: Redis): Promise<number> {
  const namespace = prefix();
  if (!namespace) throw new Error('deleteTrackingNamespace needs TRACKING_REDIS_PREFIX');
  let cursor: string | number = '0';
  let deleted = 0;
  do {
    const [next, keys]: [string | number, string[]] = await redis.scan(cursor, { match: `${namespace}*`, count: 1000 });
    if (keys.length) deleted += await redis.del(...keys);
    cursor = next;
  } while (String(cursor) !== '0');
  return deleted;
}
