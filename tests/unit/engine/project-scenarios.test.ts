import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayScenario } from './replay';
import { compareWithExpectation } from '../../../scripts/scenarios/compare';
import type { Scenario } from '../../../scripts/scenarios/format';

/** The project's own hand-computed scenarios (tests/scenarios), same format as the shared ones. */
const SCENARIO_DIR = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).sort();

describe('project reward scenarios replayed in memory through the engine', () => {
  it('finds the scenario files', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it.each(files)('%s', (file) => {
    const scenario = JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')) as Scenario;
    expect(typeof scenario.title).toBe('string');
    const result = replayScenario(scenario);
    expect(compareWithExpectation(scenario, result)).toEqual([]);
  });
});
