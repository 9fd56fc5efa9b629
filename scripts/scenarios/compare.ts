/** Compares a replay against a scenario's `expect` block with the README's comparison rules. */
import { Decimal } from '../../lib/engine';
import type { ScenarioOutput, Scenario, ScenarioEntry, ScenarioPayout } from './format';

function sameAmount(a: string, b: string): boolean {
  return new Decimal(a).eq(new Decimal(b));
}

/** rule and order are compared only when the expected entry names them. */
function entryMatches(expected: ScenarioEntry, actual: ScenarioEntry): boolean {
  return (
    expected.partner === actual.partner &&
    expected.kind === actual.kind &&
    expected.unit === actual.unit &&
    (expected.program ?? null) === (actual.program ?? null) &&
    (expected.pool ?? null) === (actual.pool ?? null) &&
    (expected.period === undefined || expected.period === actual.period) &&
    (expected.rule === undefined || expected.rule === actual.rule) &&
    (expected.order === undefined || expected.order === actual.order) &&
    sameAmount(expected.amount, actual.amount)
  );
}

function payoutMatches(expected: ScenarioPayout, actual: ScenarioPayout): boolean {
  return (
    expected.batch === actual.batch &&
    expected.partner === actual.partner &&
    expected.unit === actual.unit &&
    expected.status === actual.status &&
    sameAmount(expected.amount, actual.amount)
  );
}

function multisetDiff<T>(label: string, expected: T[], actual: T[], matches: (e: T, a: T) => boolean): string[] {
  const unmatched = [...actual];
  const missing: T[] = [];
  for (const e of expected) {
    const i = unmatched.findIndex((a) => matches(e, a));
    if (i >= 0) unmatched.splice(i, 1);
    else missing.push(e);
  }
  return [
    ...missing.map((m) => `${label} missing: ${JSON.stringify(m)}`),
    ...unmatched.map((u) => `${label} unexpected: ${JSON.stringify(u)}`),
  ];
}

export function compareWithExpectation(scenario: Scenario, result: ScenarioOutput): string[] {
  const diffs = multisetDiff('entry', scenario.expect.entries, result.entries, entryMatches);
  if (scenario.expect.balances) {
    diffs.push(
      ...multisetDiff('balance', scenario.expect.balances.rows, result.balances, (e, a) =>
        e.partner === a.partner &&
        e.unit === a.unit &&
        sameAmount(e.pending, a.pending) &&
        sameAmount(e.payable, a.payable) &&
        sameAmount(e.processing, a.processing) &&
        sameAmount(e.paid, a.paid),
      ),
    );
  }
  if (scenario.expect.payouts) diffs.push(...multisetDiff('payout', scenario.expect.payouts, result.payouts, payoutMatches));
  return diffs;
}
