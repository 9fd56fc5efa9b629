import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import { getRedis } from '../kv/redis';
import { hitRateLimit } from '../kv/rate-limit';
import { RateLimitedError } from '../http/respond';

// Requests per API key and minute, with @upstash/ratelimit's sliding window over the Redis the
// app already uses (Upstash in production, the local bridge in development and CI). The
// in-memory bridge (no Redis at all) has no scripting, so there the fixed-window counter the
// login and events limits use takes over; with Redis unreachable a request is let through and the
// failure logged, as for every other limit (refusing a merchant's sync because our cache is down
// would be worse than a missed limit).

/** The default budget: 600 requests a minute per key (10/s sustained, bursts within the minute). */
const DEFAULT_PER_MINUTE = 600;

export interface ApiRateState {
  limit: number;
  remaining: number;
  /** seconds until the budget is whole again */
  resetSeconds: number;
}

/** API_RATE_LIMIT_PER_MINUTE overrides the default (read per request, so tests and operators can lower it). */
export function apiRateLimitPerMinute(): number {
  const raw = Number(process.env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_PER_MINUTE;
}

const limiters = new Map<number, Ratelimit>();
let scriptingMissing = false;

function limiterFor(perMinute: number): Ratelimit {
  let limiter = limiters.get(perMinute);
  if (!limiter) {
    limiter = new Ratelimit({ redis: getRedis(), limiter: Ratelimit.slidingWindow(perMinute, '60 s'), prefix: `rl:api:${perMinute}`, analytics: false });
    limiters.set(perMinute, limiter);
  }
  return limiter;
}

/** Counts one request of this key; throws a 429 (with the state, for the headers) when over. */
export async function takeApiRequest(keyId: string, now: Date): Promise<ApiRateState | null> {
  const perMinute = apiRateLimitPerMinute();
  try {
    const state = scriptingMissing ? await fixedWindow(keyId, perMinute) : await slidingWindow(keyId, perMinute, now);
    if (state.remaining < 0) throw new ApiRateLimitedError({ ...state, remaining: 0 });
    return state;
  } catch (err) {
    if (err instanceof ApiRateLimitedError) throw err;
    if (!scriptingMissing && /unknown command|NOSCRIPT|ERR unknown/i.test(String((err as Error)?.message))) {
      scriptingMissing = true;
      return takeApiRequest(keyId, now);
    }
    console.error('[api] rate limiter unavailable; accepting the request', err);
    return null;
  }
}

async function slidingWindow(keyId: string, perMinute: number, now: Date): Promise<ApiRateState> {
  const r = await limiterFor(perMinute).limit(keyId);
  const resetSeconds = Math.max(1, Math.ceil((r.reset - now.getTime()) / 1000));
  return { limit: r.limit, remaining: r.success ? r.remaining : -1, resetSeconds };
}

async function fixedWindow(keyId: string, perMinute: number): Promise<ApiRateState> {
  const r = await hitRateLimit(`rl:api:fixed:${keyId}`, perMinute, 60);
  return { limit: perMinute, remaining: r.allowed ? perMinute - r.count : -1, resetSeconds: r.retryAfterSeconds };
}

export class ApiRateLimitedError extends RateLimitedError {
  constructor(readonly state: ApiRateState) {
    super(`Too many requests for this API key: ${state.limit} a minute. Retry in ${state.resetSeconds} s.`, state.resetSeconds);
  }
}

/** RateLimit-* headers (IETF draft "RateLimit header fields for HTTP"), on every answer. */
export function rateLimitHeaders(state: ApiRateState | null): Record<string, string> {
  if (!state) return {};
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(Math.max(0, state.remaining)),
    'RateLimit-Reset': String(state.resetSeconds),
    'RateLimit-Policy': `${state.limit};w=60`,
  };
}
