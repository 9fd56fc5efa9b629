import { getRedis } from './redis';

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counter: one pipelined round trip (INCR + EXPIRE NX + TTL). Good enough for login
 * throttling and ingestion limits; the window restarts after `windowSeconds`.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const p = getRedis().pipeline();
  p.incr(key);
  p.expire(key, windowSeconds, 'NX');
  p.ttl(key);
  const [count, , ttl] = (await p.exec()) as [number, number, number];
  return { allowed: count <= limit, count, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
}

/** Counts without incrementing, to refuse a login before checking the password. */
export async function peekRateLimit(key: string, limit: number): Promise<boolean> {
  const value = await getRedis().get<string>(key);
  return Number(value ?? 0) < limit;
}

export async function resetRateLimit(key: string): Promise<void> {
  await getRedis().del(key);
}
