import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createRedisBridge } from '../redis-bridge/server';

export interface RunningServices {
  env: Record<string, string>;
  describe: string[];
  stop: () => Promise<void>;
}

/**
 * Fills in whatever back-end the environment does not name: embedded PGlite for a missing
 * DATABASE_URL, the Upstash-compatible bridge for a missing UPSTASH_REDIS_REST_URL (forwarding to
 * REDIS_URL when set, else in memory), and a persistent AUTH_SECRET for development.
 * `dataDir` keeps PGlite's files (dev); without it everything lives in memory (tests).
 */
export async function ensureServices(base: NodeJS.ProcessEnv, opts: { dataDir?: string; bridgePort?: number } = {}): Promise<RunningServices> {
  const env: Record<string, string> = {};
  const describe: string[] = [];
  const stops: (() => Promise<void>)[] = [];

  if (!base.DATABASE_URL) {
    const pg = await startEmbeddedPostgres({ dataDir: opts.dataDir ? path.join(opts.dataDir, 'pglite') : undefined });
    env.DATABASE_URL = pg.url;
    env.DATABASE_EMBEDDED = '1';
    describe.push(`Postgres: embedded PGlite at ${pg.url}${opts.dataDir ? ` (data in ${opts.dataDir}/pglite)` : ' (in memory)'}`);
    stops.push(pg.stop);
  } else {
    describe.push(`Postgres: ${redact(base.DATABASE_URL)}`);
  }

  if (!base.UPSTASH_REDIS_REST_URL) {
    const token = base.UPSTASH_REDIS_REST_TOKEN ?? randomBytes(16).toString('hex');
    const bridge = await createRedisBridge({ redisUrl: base.REDIS_URL, token, port: opts.bridgePort ?? 0, host: '127.0.0.1' });
    env.UPSTASH_REDIS_REST_URL = bridge.url;
    env.UPSTASH_REDIS_REST_TOKEN = token;
    describe.push(`Redis: bridge at ${bridge.url} → ${base.REDIS_URL ? redact(base.REDIS_URL) : 'in-memory store'}`);
    stops.push(() => bridge.close());
  } else {
    describe.push(`Redis: Upstash REST at ${base.UPSTASH_REDIS_REST_URL}`);
  }

  if (!base.AUTH_SECRET) env.AUTH_SECRET = opts.dataDir ? persistentSecret(opts.dataDir) : randomBytes(32).toString('base64url');
  if (!base.JOB_SECRET) env.JOB_SECRET = randomBytes(24).toString('base64url');
  // the machine has no route to the telemetry endpoint; don't try
  env.NEXT_TELEMETRY_DISABLED = base.NEXT_TELEMETRY_DISABLED ?? '1';

  return {
    env,
    describe,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

/** Kept in .data so sessions survive restarts of `npm run dev`. */
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'configured';
  }
}
