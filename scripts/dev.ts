// `npm run dev`: everything a fresh clone needs in one command. Starts the embedded back-ends when
// no URLs are set, migrates, seeds the demo workspace once, then runs Next and prints the logins.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ensureServices } from './lib/services';
import { migrateDatabase } from '../db/migrate';
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
        '  Demo logins (password for all three: demo-password):',
        `    owner@demo.test    → http://localhost:${PORT}/m/demo   merchant owner: configures everything`,
        `    finance@demo.test  → http://localhost:${PORT}/m/demo   finance: payouts and pools, reads the rest`,
        `    partner@demo.test  → http://localhost:${PORT}/p        partner: the portal (links, deals, earnings)`,
        '',
      ].join('\n'),
    );
  }
});

// Stops in dependency order: jobs (closing their pool), then Next (whose pool dies with it; Ctrl-C
// reaches it directly, and `next dev` waits for its worker), and only then the embedded Postgres and
// Redis, so no open connection sees its server vanish. Ctrl-C delivers SIGINT to every process of
// the group, tsx relays it again: the first signal starts the one shutdown, the rest wait for it.
const nextExited = once(next, 'exit');
let stopping: Promise<void> | undefined;
const shutdown = (code: number) =>
  (stopping ??= (async () => {
    await stopJobs();
    if (next.exitCode === null && next.signalCode === null) {
      next.kill('SIGTERM');
      const killer = setTimeout(() => next.kill('SIGKILL'), 10_000);
      await nextExited;
      clearTimeout(killer);
    }
    await services.stop();
    process.exit(code);
  })());
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
next.on('exit', (code) => void shutdown(code ?? 0));
