import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Only db/ touches tables: everything else reaches them through db/queries (every function taking
// its tenant) or the services above them. Tests are outsiders that inspect rows to prove what the
// product wrote, so they may read the schema; drizzle.config.ts is drizzle-kit's own file.
const tablesOnlyInDb = {
  files: ['**/*.{ts,tsx,mts,js,mjs}'],
  ignores: ['db/**', 'tests/**', 'drizzle.config.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['drizzle-orm', 'drizzle-orm/*'], message: 'Only db/ imports drizzle-orm: add a function to db/queries that takes its tenant.' },
          { regex: '(^|/)db/schema(/|$)', // relative paths and the @/ alias alike
            message: 'Only db/ imports db/schema: read and write through db/queries.' },
        ],
      },
    ],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  tablesOnlyInDb,
  globalIgnores(['.next/**', '.data/**', 'node_modules/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
]);
