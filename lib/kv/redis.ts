import { Redis } from '@upstash/redis';

// One client everywhere (edge middleware, route handlers, scripts): Upstash in production, the
// project's Upstash-compatible bridge locally. Read from process.env directly so the edge bundle
// stays tiny.
let client: Redis | undefined;

export function getRedis(): Redis {
  if (client) return client;
  const url = process.env.UPSTASH_REDIS_REST_URL;
  const token = process.env.UPSTASH_REDIS_REST_TOKEN;
  if (!url || !token) {
    throw new Error('Missing UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN: see README.md "Configuration".');
  }
  // Values are our own strings (JSON we encode ourselves), so keep them as strings.
  client = new Redis({ url, token, automaticDeserialization: false, enableTelemetry: false });
  return client;
}
