/**
 * http-load.ts's closed loop for requests that differ one from the next: POSTs whose body and
 * headers are made just before sending (a fresh event id, a fresh Idempotency-Key, a signature
 * over that very body with a current timestamp). runLoad sends fixed GET paths, so it cannot; the
 * result is its LoadResult, so combine() and percentile() apply unchanged.
 */
import http from 'node:http';
import type { LoadResult } from './http-load';

export interface PostRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

export async function runPostLoad(opts: {
  baseUrl: string;
  concurrency: number;
  durationMs: number;
  expectStatus: number;
  /** the next request to send (the caller numbers its event ids across runs) */
  request: () => PostRequest;
}): Promise<LoadResult> {
  const url = new URL(opts.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  const other = new Map<number | string, number>();
  let ok = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;

  const one = (r: PostRequest) =>
    new Promise<number | string>((resolve) => {
      const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)), ...r.headers };
      const req = http.request({ host: url.hostname, port: url.port, path: r.path, method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', (err) => resolve(`error ${(err as NodeJS.ErrnoException).code ?? err.message}`));
      req.end(r.body);
    });

  const worker = async () => {
    while (performance.now() < deadline) {
      // made before the clock starts: building the body and signing it is the client's work
      const r = opts.request();
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
