/**
 * POSTs whose body and headers are made just before sending (a fresh event id, a fresh
 * Idempotency-Key, a signature over that very body with a current timestamp), through
 * http-load.ts's closed loop; its LoadResult, so combine() and percentile() apply unchanged.
 */
import { runRequestLoad, type LoadResult } from './http-load';

export interface PostRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

export function runPostLoad(opts: {
  baseUrl: string;
  concurrency: number;
  durationMs: number;
  expectStatus: number;
  /** the next request to send (the caller numbers its event ids across runs) */
  request: () => PostRequest;
}): Promise<LoadResult> {
  return runRequestLoad({
    ...opts,
    next: () => {
      const r = opts.request();
      return { method: 'POST', path: r.path, body: r.body, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)), ...r.headers } };
    },
  });
}
