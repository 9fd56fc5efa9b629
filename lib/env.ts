import { z } from 'zod';

// Every environment variable the app reads, parsed in one place. Edge-safe (zod only), so
// middleware can use it too.
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalUrl = z.preprocess(emptyToUndefined, z.string().url().optional());

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  // Postgres: any postgres:// URL (pg driver) or a Neon URL (serverless driver). Unset: the dev
  // and test scripts start embedded PGlite and set it for the app.
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  ),
  // "1" when DATABASE_URL points at the embedded PGlite server (single writer: small pool).
  DATABASE_EMBEDDED: z.preprocess(emptyToUndefined, z.enum(['0', '1']).default('0')),
  // Upstash REST endpoint (production) or the project's bridge (dev, CI).
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
  // A Redis server for the bridge to forward to; unset: the bridge keeps data in memory.
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional()),
  AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  // Encrypts stored signing secrets; defaults to a key derived from AUTH_SECRET.
  APP_ENCRYPTION_KEY: z.preprocess(emptyToUndefined, z.string().min(16).optional()),
  APP_URL: optionalUrl,
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional()),
  EMAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('PartnerLedger <no-reply@localhost>')),
  // Protects the cron-callable job routes.
  JOB_SECRET: z.preprocess(emptyToUndefined, z.string().min(16).optional()),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  // Namespace for tracking keys in Redis (tests and benchmarks share one Redis).
  TRACKING_REDIS_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[\w:.-]{1,64}$/, 'letters, digits and : . - _ only').optional()),
  // "1" lets the middleware answer /r-noop/<code> with a constant redirect: the bench baseline.
  BENCH_NOOP_ROUTE: z.preprocess(emptyToUndefined, z.enum(['0', '1']).default('0')),
});
// The edge middleware reads UPSTASH_*, JOB_SECRET, TRACKING_REDIS_PREFIX and BENCH_NOOP_ROUTE from
// process.env directly, to keep zod out of the edge bundle; they are still validated here, at the
// Node side's first use of env().

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Read a variable that a deployment must set, with a message naming it. */
export function requireEnv<K extends keyof Env>(key: K): NonNullable<Env[K]> {
  const value = env()[key];
  if (value === undefined || value === null) {
    throw new EnvError(`Missing environment variable ${String(key)}: see README.md "Configuration".`);
  }
  return value as NonNullable<Env[K]>;
}
