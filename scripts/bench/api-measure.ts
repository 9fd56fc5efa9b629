/**
 * The API benchmark's way of measuring and printing: every path of one table is warmed up, then
 * the paths alternate round by round (so drift in a loaded machine is shared between them), and
 * each row shows answers per second, p50, p99, unexpected answers and its p50 against a reference
 * measured in the same rounds.
 */
import { combine, percentile, runLoad, type LoadResult } from './http-load';
import { duration, int, note, perSecond, rate, ratio } from './report';

export interface BenchRun {
  baseUrl: string;
  concurrency: number;
  /** per path, split over the rounds */
  seconds: number;
  rounds: number;
}

export type Measure = (ms: number) => Promise<LoadResult>;

const WARM_UP_MS = 1500;

export async function alternate(run: BenchRun, measures: Measure[]): Promise<LoadResult[]> {
  for (const m of measures) await m(WARM_UP_MS);
  const runs: LoadResult[][] = measures.map(() => []);
  for (let i = 0; i < run.rounds; i++) for (const [n, m] of measures.entries()) runs[n].push(await m((run.seconds * 1000) / run.rounds));
  return runs.map(combine);
}

/** GETs of fixed paths with runLoad (http-load.ts), as bench:tracking sends them. */
export const getting = (run: BenchRun, paths: string[], expectStatus: number, headers: Record<string, string> = {}): Measure => (ms) =>
  runLoad({ baseUrl: run.baseUrl, paths, concurrency: run.concurrency, durationMs: ms, expectStatus, headers });

const p50 = (r: LoadResult) => percentile(r.latencies, 50);
const p99 = (r: LoadResult) => percentile(r.latencies, 99);

export function row(name: string, r: LoadResult, reference?: LoadResult): string[] {
  return [name, int(r.requests), rate(perSecond(r.ok, r.ms)), duration(p50(r)), duration(p99(r)), int(r.requests - r.ok), ratio(reference ? p50(r) / p50(reference) : 1)];
}

/** "<label>: throughput 0.52×, p50 1.9×, p99 2.4×" — `r` against `reference`. */
export function compare(label: string, r: LoadResult, reference: LoadResult): void {
  note(`${label}: throughput ${ratio(perSecond(r.ok, r.ms) / perSecond(reference.ok, reference.ms))}, p50 ${ratio(p50(r) / p50(reference))}, p99 ${ratio(p99(r) / p99(reference))}`);
}

/** Names the answers that were not the expected status, so a refusal is never read as speed. */
export function unexpected(results: [string, LoadResult][]): void {
  for (const [name, r] of results) if (r.other.size) note(`${name}: other answers ${JSON.stringify(Object.fromEntries(r.other))}`);
}
