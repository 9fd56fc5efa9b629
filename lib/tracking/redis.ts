import { Redis } from '@upstash/redis';

/**
 * Redis clients for the tracked-link path, with deadlines: a visitor must be redirected even when
 * Redis is slow or gone, so a lookup gives up after LOOKUP_TIMEOUT_MS and a click write after
 * WRITE_TIMEOUT_MS (one quick retry inside that budget for a dropped connection). The default
 * client of lib/kv retries for seconds, which is right for jobs and wrong for a redirect.
 *
 * Built from process.env on use and rebuilt when the URL changes, so a test can point the path at
 * another (or a dead) Redis.
 */
export const LOOKUP_TIMEOUT_MS = 400;
export const WRITE_TIMEOUT_MS = 1500;

interface Clients {
  key: string;
  lookup: Redis;
  write: Redis;
}
let clients: Clients | undefined;

function build(url: string, token: string, timeoutMs: number): Redis {
  return new Redis({
    url,
    token,
    automaticDeserialization: false,
    enableTelemetry: false,
    readYourWrites: false,
    retry: { retries: 1, backoff: () => 20 },
    // a function: each request gets its own deadline, and an aborted request throws (a shared
    // signal makes the client answer "Aborted" as if it were a value)
    signal: () => AbortSignal.timeout(timeoutMs),
  });
}

function current(): Clients {
  const url = process.env.UPSTASH_REDIS_REST_URL;
  const token = process.env.UPSTASH_REDIS_REST_TOKEN;
  if (!url || !token) throw new Error('Missing UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN: see README.md "Configuration".');
  const key = `${url}\n${token}`;
  if (clients?.key !== key) clients = { key, lookup: build(url, token, LOOKUP_TIMEOUT_MS), write: build(url, token, WRITE_TIMEOUT_MS) };
  return clients;
}

/** For the read a redirect waits on. */
export const lookupRedis = (): Redis => current().lookup;
/** For writes (clicks, cache refills) that must not hang a request for long. */
export const writeRedis = (): Redis => current().write;
