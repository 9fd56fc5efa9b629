import { EngineError } from './errors';

/** A point in time: a Date or an ISO 8601 string. The engine never reads the clock. */
export type Instant = Date | string;

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Instants inside the engine may also be epoch milliseconds. */
export type TimeLike = Instant | number;

export function toMs(t: TimeLike): number {
  const ms = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
  if (Number.isNaN(ms)) throw new EngineError('invalid_input', `invalid time: ${String(t)}`);
  return ms;
}

export function toIso(t: TimeLike): string {
  return new Date(toMs(t)).toISOString();
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

export function daysToMs(days: number): number {
  return days * DAY_MS;
}

/**
 * Calendar-month arithmetic in UTC. A day that does not exist in the target month is clamped to
 * the month's last day (Jan 31 + 1 month = Feb 28/29), which is what a billing system does.
 */
export function addCalendarMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(
    targetYear,
    targetMonth,
    day,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}
