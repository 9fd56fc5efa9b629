/**
 * Counters of the tracked-link path in this isolate (edge middleware instances each keep their
 * own). Redis failures are logged too, at most once per LOG_EVERY_MS with the count since, so an
 * outage does not flood the log with one line per visitor.
 */
export type RedisOperation = 'lookup' | 'record' | 'refill';

const LOG_EVERY_MS = 10_000;

const counters = {
  redirects: 0,
  clicksQueued: 0,
  repeatClicks: 0,
  botClicks: 0,
  notFound: 0,
  sentToFallback: 0,
  servedFromStaleCache: 0,
  clicksRelayed: 0,
  clicksLost: 0,
  redisFailures: { lookup: 0, record: 0, refill: 0 } as Record<RedisOperation, number>,
  lastRedisFailure: null as null | { at: string; operation: RedisOperation; message: string },
};
let lastLogAt = 0;
let unloggedFailures = 0;

export type TrackingCounter = Exclude<keyof typeof counters, 'redisFailures' | 'lastRedisFailure'>;

export function count(counter: TrackingCounter, by = 1): void {
  counters[counter] += by;
}

export function noteRedisFailure(operation: RedisOperation, error: unknown, now = Date.now()): void {
  counters.redisFailures[operation]++;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  counters.lastRedisFailure = { at: new Date(now).toISOString(), operation, message: message.slice(0, 300) };
  unloggedFailures++;
  if (now - lastLogAt >= LOG_EVERY_MS) {
    console.error(`[tracking] Redis ${operation} failed (${unloggedFailures} failure(s) since the last report); visitors are still redirected: ${message}`);
    lastLogAt = now;
    unloggedFailures = 0;
  }
}

export function trackingHealth() {
  return { ...counters, redisFailures: { ...counters.redisFailures }, redisFailuresTotal: Object.values(counters.redisFailures).reduce((a, b) => a + b, 0) };
}
