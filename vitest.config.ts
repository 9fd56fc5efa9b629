import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // server-only throws outside React Server Components; the services it guards are plain Node here
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/worker-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // one PGlite or one fresh database per run, shared by the files: keep workers few
    pool: 'forks',
    maxWorkers: 2,
  },
});
