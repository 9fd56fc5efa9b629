import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { runScenario } from '../../scripts/scenarios/run';
import { compareWithExpectation } from '../../scripts/scenarios/compare';
import type { Scenario } from '../../scripts/scenarios/format';
import { freshDatabaseFactory } from '../../scripts/lib/fresh-databases';

// Every scenario through the real services into a fresh, migrated database each, exactly as
// `npm run scenario -- … --check` does: the shared conformance suite and the project's own.
const dirs = {
  shared: process.env.SCENARIO_DIR ?? resolve(import.meta.dirname, '../../../shared/scenarios'),
  project: resolve(import.meta.dirname, '../scenarios'),
};
const list = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
const files = [...list(dirs.shared), ...list(dirs.project)];

let factory: Awaited<ReturnType<typeof freshDatabaseFactory>>;
beforeAll(async () => {
  // on a real server the test run's own database is the admin connection for the new ones
  factory = await freshDatabaseFactory(process.env.DATABASE_EMBEDDED === '1' ? undefined : process.env.DATABASE_URL);
});
afterAll(() => factory?.close());

describe('reward scenarios through the database', () => {
  it('finds the shared and the project scenarios', () => {
    expect(list(dirs.shared).length).toBeGreaterThanOrEqual(11);
    expect(list(dirs.project).length).toBeGreaterThanOrEqual(25);
  });

  it.each(files)('%s', async (file) => {
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
    const fresh = await factory.next();
    const { db, close } = createDatabase(fresh.url, { embedded: fresh.embedded });
    try {
      const output = await runScenario(db, scenario);
      expect(compareWithExpectation(scenario, output)).toEqual([]);
    } finally {
      await close();
      await fresh.dispose();
    }
  }, 60_000);
});
