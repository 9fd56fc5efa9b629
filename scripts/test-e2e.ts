// `npm run test:e2e`: the browser suite against a production build served by `next start`, on a
// fresh database (a new one on DATABASE_URL's server, or in-memory PGlite) with the demo seeded.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureServices } from './lib/services';
import { createFreshDatabase, dropDatabase, migrateDatabase } from './lib/migrate';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`e2e: Chromium not found at ${chromium}; skipping the browser suite (install it with: apt-get install -y chromium)`);
  process.exit(0);
}

const base = { ...process.env };
let freshUrl: string | undefined;
if (base.DATABASE_URL) base.DATABASE_URL = freshUrl = await createFreshDatabase(base.DATABASE_URL, 'pl_e2e');
const services = await ensureServices(base);
const env: NodeJS.ProcessEnv = { ...base, ...services.env, NODE_ENV: 'production' };
const port = process.env.E2E_PORT ?? '3100';
const baseUrl = `http://127.0.0.1:${port}`;
let server: ReturnType<typeof spawn> | undefined;
// The server's output is also kept in a file the journeys read: mailed links (invitations, password
// resets) are logged there when no SMTP server is configured, as they are here.
const serverLogPath = path.join(tmpdir(), `partnerledger-e2e-server-${process.pid}.log`);
env.E2E_SERVER_LOG = serverLogPath;

async function cleanup() {
  // let Next close its database connections before the embedded database goes away
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  await services.stop();
  rmSync(serverLogPath, { force: true });
  if (freshUrl) await dropDatabase(freshUrl).catch(() => undefined);
}

// Asynchronous on purpose: the embedded Postgres and Redis bridge live in this process, and a
// blocking spawnSync would stop them from answering the child.
function run(cmd: string, args: string[]): Promise<number> {
  const child = spawn(cmd, args, { env, stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

try {
  await migrateDatabase(env.DATABASE_URL!);
  if ((await run(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/seed.ts'])) !== 0) throw new Error('seed failed');
  if (!process.env.E2E_SKIP_BUILD && (await run(process.execPath, ['node_modules/next/dist/bin/next', 'build'])) !== 0) throw new Error('next build failed');
  server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port, '-H', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const serverLog = createWriteStream(serverLogPath);
  server.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    serverLog.write(chunk);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/sign-in`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error('next start did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  const code = await run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)].map(String));
  await cleanup();
  process.exit(code);
} catch (err) {
  console.error(err);
  await cleanup();
  process.exit(1);
}
