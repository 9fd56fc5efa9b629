import 'server-only';
import type { Database } from '../../db/client';
import type { Scenario, ScenarioOutput } from './format';
import { setUpScenario } from './setup';
import { playStep } from './steps';
import { reportScenario } from './report';

/** Loads a scenario into a fresh, migrated database and replays it through the services. */
export async function runScenario(db: Database, scenario: Scenario): Promise<ScenarioOutput> {
  const ids = await setUpScenario(db, scenario);
  const refused: ScenarioOutput['refused'] = [];
  for (const [index, step] of scenario.steps.entries()) {
    const code = await playStep(db, ids, step, index);
    if (code) refused.push({ step: index, code });
  }
  const balancesAt = new Date(scenario.expect?.balances?.at ?? scenario.steps[scenario.steps.length - 1].at);
  return { ...(await reportScenario(db, ids, balancesAt)), refused };
}
