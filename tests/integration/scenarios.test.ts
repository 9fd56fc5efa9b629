import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { runScenario } from '../../scripts/scenarios/run';
import { compareWithExpectation } from '../../scripts/scenarios/compare';
import type { Scenario, ScenarioOutput } from '../../scripts/scenarios/format';
import { freshDatabaseFactory } from '../../scripts/lib/fresh-databases';
import { replayScenario } from '../unit/engine/replay';

// Every scenario through the real services into a fresh, migrated database each, exactly as
// `npm run scenario -- … --check` does: the project's own always, and the shared conformance suite
// when ../shared sits beside the clone (developers' machines and CI; a user's clone has none).
const sharedDir = process.env.SCENARIO_DIR ?? resolve(import.meta.dirname, '../../../shared/scenarios');
const projectDir = resolve(import.meta.dirname, '../scenarios');
const hasShared = existsSync(sharedDir);
if (!hasShared) console.info(`[scenarios] ${sharedDir} is missing: the shared scenarios are skipped (the project's own run)`);
const list = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));

let factory: Awaited<ReturnType<typeof freshDatabaseFactory>>;
beforeAll(async () => {
  // on a real server the test run's own database is the admin connection for the new ones
  factory = await freshDatabaseFactory(process.env.DATABASE_EMBEDDED === '1' ? undefined : process.env.DATABASE_URL);
});
afterAll(() => factory?.close());

/** The replay's whole output as an `expect` block, so the comparison rules apply both ways. */
function expectationOf(scenario: Scenario, output: ScenarioOutput): Scenario {
  return { ...scenario, expect: { entries: output.entries, balances: { rows: output.balances }, payouts: output.payouts } };
}

async function checkScenario(file: string) {
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
  const fresh = await factory.next();
  const { db, close } = createDatabase(fresh.url, { embedded: fresh.embedded });
  try {
    const output = await runScenario(db, scenario);
    expect(compareWithExpectation(scenario, output)).toEqual([]);
    // the in-memory replay of the unit tests must not drift from the services: same ledger,
    // balances, payouts and refused steps, not only the parts the scenario's author wrote down
    const replayed = replayScenario(scenario);
    expect(compareWithExpectation(expectationOf(scenario, replayed), output)).toEqual([]);
    expect(output.refused).toEqual(replayed.refused);
  } finally {
    await close();
    await fresh.dispose();
  }
}

describe('project reward scenarios through the database', () => {
  it('finds the project scenarios', () => {
    expect(list(projectDir).length).toBeGreaterThanOrEqual(25);
  });
  it.each(list(projectDir))('%s', checkScenario, 60_000);
});

describe.skipIf(!hasShared)(
  hasShared ? `shared reward scenarios through the database (${sharedDir})` : `shared reward scenarios: skipped, ${sharedDir} is missing`,
  () => {
    const files = hasShared ? list(sharedDir) : [];
    it('finds the shared scenarios', () => {
      expect(files.length).toBeGreaterThanOrEqual(11);
    });
    it.each(files)('%s', checkScenario, 60_000);
  },
);
