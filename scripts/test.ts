// `npm test`: unit and integration tests (vitest, fresh database per run), then the browser suite
// when Chromium is installed. Runs on the embedded back-ends unless DATABASE_URL / REDIS_URL are set.
import { spawnSync } from 'node:child_process';

const run = (args: string[]) => spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env }).status ?? 1;

const unit = run(['node_modules/vitest/vitest.mjs', 'run']);
if (unit !== 0) process.exit(unit);
process.exit(run(['--import', 'tsx', 'scripts/test-e2e.ts']));
