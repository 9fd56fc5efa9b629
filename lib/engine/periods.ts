import { EngineError } from './errors';

export type { PoolPeriodKind } from '../domain/pools';
import type { PoolPeriodKind } from '../domain/pools';

export interface PeriodBounds {
  key: string;
  /** Inclusive start, UTC. */
  startMs: number;
  /** Exclusive end, UTC. */
  endMs: number;
}

/** Calendar periods in UTC: "2026-Q1" = [2026-01-01, 2026-04-01), "2026" = [2026-01-01, 2027-01-01). */
export function parsePoolPeriod(kind: PoolPeriodKind, key: string): PeriodBounds {
  const trimmed = key.trim();
  if (kind === 'quarter') {
    const match = /^(\d{4})-Q([1-4])$/i.exec(trimmed);
    if (!match) throw new EngineError('invalid_period', `expected a quarter like 2026-Q1, got ${key}`, { period: key });
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    return {
      key: `${year}-Q${quarter}`,
      startMs: Date.UTC(year, (quarter - 1) * 3, 1),
      endMs: Date.UTC(year, quarter * 3, 1),
    };
  }
  const match = /^(\d{4})$/.exec(trimmed);
  if (!match) throw new EngineError('invalid_period', `expected a year like 2026, got ${key}`, { period: key });
  const year = Number(match[1]);
  return { key: `${year}`, startMs: Date.UTC(year, 0, 1), endMs: Date.UTC(year + 1, 0, 1) };
}

export function inPeriod(bounds: PeriodBounds, atMs: number): boolean {
  return atMs >= bounds.startMs && atMs < bounds.endMs;
}
