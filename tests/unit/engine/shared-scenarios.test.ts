import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayScenario } from './replay';
import { compareWithExpectation } from '../../../scripts/scenarios/compare';
import type { Scenario } from '../../../scripts/scenarios/format';

// shared/ sits beside the repository on developers' machines and in CI; a user's clone has none,
// and then these say so and skip (the project's own scenarios run in project-scenarios.test.ts).
const SCENARIO_DIR = process.env.SCENARIO_DIR ?? resolve(import.meta.dirname, '../../../../shared/scenarios');
const present = existsSync(SCENARIO_DIR);
if (!present) console.info(`[scenarios] ${SCENARIO_DIR} is missing: the shared scenarios are skipped in memory (the project's own run)`);

describe.skipIf(!present)(
  present ? `shared reward scenarios replayed in memory through the engine (${SCENARIO_DIR})` : `shared reward scenarios: skipped, ${SCENARIO_DIR} is missing`,
  () => {
    const files = present ? readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).sort() : [];

    it('finds the scenario files', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    it.each(files)('%s', (file) => {
      const scenario = JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')) as Scenario;
      const result = replayScenario(scenario);
      expect(compareWithExpectation(scenario, result)).toEqual([]);
    });
  },
);
