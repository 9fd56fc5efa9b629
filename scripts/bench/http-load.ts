/**
 * A closed-loop HTTP load generator for loopback: `concurrency` workers, each sending the next
 * request as soon as the previous answer is in, over keep-alive connections, for a fixed time.
 * Redirects are not followed (we measure the redirect itself).
 */
import http from 'node:http';

export interface LoadResult {
  requests: number;
  /** answers with the expected status */
  ok: number;
  other: Map<number | string, number>;
  ms: number;
  /** per-request latencies in ms, sorted */
  latencies: Float64Array;
}

/** One request of a load run, made just before it is sent. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The closed loop itself: each worker asks `next()` for its request (outside the timed span:
 * building and signing a body is the client's work), sends it, and records the latency and status.
 */
export async function runRequestLoad(opts: {
  baseUrl: string;
  concurrency: number;
  durationMs: number;
  expectStatus: number;
  next: () => LoadRequest;
}): Promise<LoadResult> {
  const url = new URL(opts.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  const other = new Map<number | string, number>();
  let ok = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;

  const one = (r: LoadRequest) =>
    new Promise<number | string>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, path: r.path, method: r.method, agent, headers: r.headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', (err) => resolve(`error ${(err as NodeJS.ErrnoException).code ?? err.message}`));
      req.end(r.body);
    });

  const worker = async () => {
    while (performance.now() < deadline) {
      const r = opts.next();
      const t0 = performance.now();
      const status = await one(r);
      latencies.push(performance.now() - t0);
      if (status === opts.expectStatus) ok++;
      else other.set(status, (other.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const ms = performance.now() - started;
  agent.destroy();
  return { requests: latencies.length, ok, other, ms, latencies: Float64Array.from(latencies).sort() };
}

/** GETs of fixed paths, taken in turn. */
export function runLoad(opts: {
  baseUrl: string;
  paths: readonly string[];
  concurrency: number;
  durationMs: number;
  expectStatus: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  let next = 0;
  return runRequestLoad({ ...opts, next: () => ({ method: 'GET', path: opts.paths[next++ % opts.paths.length]!, headers: opts.headers }) });
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Several runs of the same path as one (rounds alternate between paths to share any drift). */
export function combine(results: LoadResult[]): LoadResult {
  const other = new Map<number | string, number>();
  for (const r of results) for (const [k, v] of r.other) other.set(k, (other.get(k) ?? 0) + v);
  const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of results) {
    all.set(r.latencies, at);
    at += r.latencies.length;
  }
  return {
    requests: results.reduce((n, r) => n + r.requests, 0),
    ok: results.reduce((n, r) => n + r.ok, 0),
    other,
    ms: results.reduce((n, r) => n + r.ms, 0),
    latencies: all.sort(),
  };
}
