import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayScenario } from './replay';
import { compareWithExpectation } from '../../../scripts/scenarios/compare';
import type { Scenario } from '../../../scripts/scenarios/format';

// shared/ sits beside the repository (developers' machines and CI alike)
const SCENARIO_DIR = process.env.SCENARIO_DIR ?? resolve(import.meta.dirname, '../../../../shared/scenarios');
const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).sort();

describe('shared reward scenarios replayed in memory through the engine', () => {
  it('finds the scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', (file) => {
    const scenario = JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')) as Scenario;
    const result = replayScenario(scenario);
    expect(compareWithExpectation(scenario, result)).toEqual([]);
  });
});
