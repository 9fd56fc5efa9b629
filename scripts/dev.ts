// `npm run dev`: everything a fresh clone needs in one command. Starts the embedded back-ends when
// no URLs are set, migrates, seeds the demo workspace once, then runs Next and prints the logins.
import { spawn } from 'node:child_process';
import { ensureServices } from './lib/services';
import { migrateDatabase } from './lib/migrate';
import { parseEnv } from '../lib/env';
import { startJobTicker } from './lib/job-ticker';

const production = process.argv.includes('--production');
const services = await ensureServices(process.env, { dataDir: '.data', bridgePort: Number(process.env.REDIS_BRIDGE_PORT ?? 0) });
const env = { ...process.env, ...services.env };
// the in-process job ticker reads Redis and Postgres settings from this process's environment
Object.assign(process.env, services.env);
const { PORT } = parseEnv(env);

await migrateDatabase(env.DATABASE_URL!);
const seed = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/seed.ts'], { env, stdio: 'inherit' });
const seedCode: number = await new Promise((resolve) => seed.on('exit', (code) => resolve(code ?? 1)));
if (seedCode !== 0) {
  await services.stop();
  process.exit(seedCode);
}

const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', production ? 'start' : 'dev', '-p', String(PORT)], {
  env,
  stdio: ['inherit', 'pipe', 'inherit'],
});
let announced = false;
let stopJobs: () => Promise<void> | void = () => {};
next.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|ready/.test(chunk.toString())) {
    announced = true;
    // clicks wait in Redis until this job moves them to Postgres (a cron entry does it in production)
    if (process.env.DEV_JOBS !== 'off') stopJobs = startJobTicker({ databaseUrl: env.DATABASE_URL!, embedded: env.DATABASE_EMBEDDED === '1', everyMs: 3000 });
    console.log(
      [
        '',
        `  PartnerLedger is running at http://localhost:${PORT}`,
        ...services.describe.map((d) => `  ${d}`),
        '  Demo logins (password for both: demo-password):',
        `    merchant owner  owner@demo.test    → http://localhost:${PORT}/m/demo`,
        `    partner         partner@demo.test  → http://localhost:${PORT}/p`,
        '',
      ].join('\n'),
    );
  }
});

const shutdown = async () => {
  await stopJobs();
  next.kill('SIGTERM');
  await services.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
next.on('exit', async (code) => {
  await stopJobs();
  await services.stop();
  process.exit(code ?? 0);
});
