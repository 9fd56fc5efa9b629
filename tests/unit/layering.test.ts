import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layer rule of issue 7, proven through the project's own ESLint configuration: a file outside
// db/ that imports drizzle-orm or db/schema fails `npm run lint`; the same import inside db/ passes.

const eslint = new ESLint({ cwd: process.cwd() });
const restricted = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

const samples = {
  drizzle: "import { eq } from 'drizzle-orm';\nexport const f = eq;\n",
  pgCore: "import { pgTable } from 'drizzle-orm/pg-core';\nexport const t = pgTable;\n",
  schemaRelative: "import { events } from '../../db/schema';\nexport const t = events;\n",
  schemaFile: "import { events } from '../../../db/schema/events';\nexport const t = events;\n",
  schemaAlias: "import { events } from '@/db/schema';\nexport const t = events;\n",
};

describe('only db/ touches tables', () => {
  for (const file of ['lib/server/rewards/example.ts', 'lib/actions/example.ts', 'app/api/example/route.ts', 'components/example.tsx', 'scripts/example.ts', 'middleware.ts']) {
    it(`${file}: every way of importing drizzle or the schema is refused`, async () => {
      for (const [name, code] of Object.entries(samples)) {
        const messages = await restricted(file, code);
        expect(messages, name).toHaveLength(1);
        expect(messages[0]).toMatch(/Only db\/ imports/);
      }
    });
  }

  it('db/queries may import both; importing db/queries from a service is fine', async () => {
    expect(await restricted('db/queries/example.ts', samples.drizzle + samples.schemaRelative.replace('../../db/schema', '../schema'))).toEqual([]);
    expect(await restricted('lib/server/example.ts', "import { getDb } from '../../db/client';\nimport { findDeal } from '../../db/queries/deals';\nexport const x = [getDb, findDeal];\n")).toEqual([]);
  });
}, 60_000);
