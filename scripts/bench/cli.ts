import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

// What every benchmark script shares: its numeric flags, a free port for its server, running a
// command (the build) with the output shown, and the production server it measures.

/** `--name N` or `--name=N`: a positive number, or `fallback` when the flag is absent. */
export function flag(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const n = Number(args[i].includes('=') ? args[i].split('=')[1] : args[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(cmd, args, { env, stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/** `next build` when asked (`--build`) or when the existing build lacks what the bench measures. */
export async function buildUnlessReady(env: NodeJS.ProcessEnv, ready: () => boolean): Promise<void> {
  if (!process.argv.includes('--build') && ready()) return;
  console.log('  building the app (next build)…');
  if ((await run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], env)) !== 0) throw new Error('next build failed');
}

/** `next start` on a free loopback port, once it answers (the tracker script is its cheapest page). */
export async function startNextServer(env: NodeJS.ProcessEnv): Promise<{ baseUrl: string; server: ChildProcess }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const deadline = Date.now() + 60_000; ; ) {
    if (await fetch(`${baseUrl}/t.js`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      server.kill('SIGTERM');
      throw new Error('next start did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { baseUrl, server };
}
