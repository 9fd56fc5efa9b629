import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { freshDatabaseFactory } from '../../scripts/lib/fresh-databases';
import { setUpScenario, type ScenarioIds } from '../../scripts/scenarios/setup';
import { playStep } from '../../scripts/scenarios/steps';
import type { Scenario } from '../../scripts/scenarios/format';

// Real explanations for a test file: each scenario of tests/scenarios played through the services
// in its own fresh database, as the scenario runner does (click ids and link codes are global, so
// two scenarios would collide in one). Databases are dropped when the file ends.

export const scenarioFile = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, '../scenarios', name), 'utf8')) as Scenario;

export interface PlayedScenario {
  db: Database;
  ids: ScenarioIds;
  scenario: Scenario;
}

export function scenarioPlayer() {
  let factory: Awaited<ReturnType<typeof freshDatabaseFactory>>;
  const opened: { close: () => Promise<void>; dispose: () => Promise<void> }[] = [];
  const cache = new Map<string, Promise<PlayedScenario>>();
  beforeAll(async () => {
    factory = await freshDatabaseFactory(process.env.DATABASE_EMBEDDED === '1' ? undefined : process.env.DATABASE_URL);
  });
  // dropping dozens of databases takes a while on a busy server: together, with time to spare
  afterAll(async () => {
    await Promise.all(opened.map((o) => o.close().then(o.dispose)));
    await factory?.close();
  }, 300_000);
  async function play(scenario: Scenario): Promise<PlayedScenario> {
    const fresh = await factory.next();
    const { db, close } = createDatabase(fresh.url, { embedded: fresh.embedded });
    opened.push({ close, dispose: fresh.dispose });
    const ids = await setUpScenario(db, scenario);
    for (const [index, step] of scenario.steps.entries()) await playStep(db, ids, step, index);
    return { db, ids, scenario };
  }
  /** The named scenario file, played once per test file however often it is asked for. */
  return (name: string) => {
    if (!cache.has(name)) cache.set(name, play(scenarioFile(name)));
    return cache.get(name)!;
  };
}
