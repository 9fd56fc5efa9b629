import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

// What every benchmark script shares: its numeric flags, a free port for its server, and running
// a command (the build) with the output shown.

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
