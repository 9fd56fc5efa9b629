import type { TestProject } from 'vitest/node';
import { ensureServices } from '../../scripts/lib/services';
import { createFreshDatabase, dropDatabase, migrateDatabase } from '../../scripts/lib/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}

/**
 * One fresh database per test run: a uniquely named database on the server in DATABASE_URL (CI),
 * or an in-memory PGlite when none is set. Redis goes through the bridge, to REDIS_URL or memory.
 */
export default async function setup(project: TestProject) {
  let freshUrl: string | undefined;
  const base = { ...process.env };
  if (base.DATABASE_URL) {
    freshUrl = await createFreshDatabase(base.DATABASE_URL, 'pl_test');
    base.DATABASE_URL = freshUrl;
  }
  const services = await ensureServices(base);
  const env: Record<string, string> = {
    ...services.env,
    DATABASE_URL: services.env.DATABASE_URL ?? freshUrl!,
    AUTH_SECRET: services.env.AUTH_SECRET ?? base.AUTH_SECRET!,
  };
  if (base.UPSTASH_REDIS_REST_URL) {
    env.UPSTASH_REDIS_REST_URL = base.UPSTASH_REDIS_REST_URL;
    env.UPSTASH_REDIS_REST_TOKEN = base.UPSTASH_REDIS_REST_TOKEN ?? '';
  }
  await migrateDatabase(env.DATABASE_URL);
  console.log(`[tests] ${services.describe.join('; ')}`);
  project.provide('testEnv', env);
  return async () => {
    await services.stop();
    if (freshUrl && !process.env.KEEP_TEST_DB) await dropDatabase(freshUrl).catch(() => undefined);
  };
}
