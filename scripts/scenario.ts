// `npm run scenario -- <files…> [--check]`: loads each scenario into a fresh, migrated database
// (embedded PGlite, or a new database on DATABASE_URL's server), replays it through the services,
// prints one JSON object per file, and with --check compares with its `expect` block.
import { readFileSync } from 'node:fs';
import { createDatabase } from '../db/client';
import { runScenario } from './scenarios/run';
import { compareWithExpectation } from './scenarios/compare';
import type { Scenario } from './scenarios/format';
import { freshDatabaseFactory } from './lib/fresh-databases';

const args = process.argv.slice(2);
const check = args.includes('--check');
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error('usage: npm run scenario -- <scenario.json> [more.json] [--check]');
  process.exit(2);
}

const factory = await freshDatabaseFactory(process.env.DATABASE_URL || undefined);
let failures = 0;
for (const file of files) {
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
  const fresh = await factory.next();
  const { db, close } = createDatabase(fresh.url, { embedded: fresh.embedded });
  try {
    const output = await runScenario(db, scenario);
    console.log(JSON.stringify({ file, entries: output.entries, balances: output.balances, payouts: output.payouts, ...(output.refused.length ? { refused: output.refused } : {}) }));
    if (check) {
      const diffs = compareWithExpectation(scenario, output);
      if (diffs.length) {
        failures++;
        console.error(`✗ ${file}: ${scenario.title}\n${diffs.map((d) => `    ${d}`).join('\n')}`);
      } else {
        console.error(`✓ ${file}`);
      }
    }
  } catch (err) {
    failures++;
    console.error(`✗ ${file}: the run failed`, err);
  } finally {
    await close();
    await fresh.dispose();
  }
}
await factory.close();
if (check) console.error(`${files.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
