import Decimal from 'decimal.js';

// Week labels and the zero-filled grid the overview's charts and tables share. A week is keyed by
// its Monday as a calendar date (YYYY-MM-DD) in the workspace's zone; formatting it "in UTC" only
// spells that date out, it does not move it.

const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "13 Apr": an axis tick. */
export const weekTick = (week: string) => short.format(asDate(week));
/** "13 Apr 2026": a day in full. */
export const dayLabel = (day: string) => long.format(asDate(day));

/** One week's figures per series, exact numeric strings ("0" where the week had nothing). */
export interface WeekFigures {
  week: string;
  figures: Record<string, string>;
}

/**
 * Lays query rows (only weeks with data) over every week of the period, so empty weeks are zeros
 * rather than gaps. `figures` picks a row's values per series key.
 */
export function fillWeeks<R extends { week: string }>(weeks: readonly string[], rows: readonly R[], keys: readonly string[], figures: (row: R) => Record<string, string | number>): WeekFigures[] {
  const byWeek = new Map(rows.map((r) => [r.week, figures(r)]));
  return weeks.map((week) => {
    const found = byWeek.get(week);
    return { week, figures: Object.fromEntries(keys.map((k) => [k, found?.[k] === undefined ? '0' : String(found[k])])) };
  });
}

/** The sum of one series over the weeks, exact. */
export function seriesTotal(weeks: readonly WeekFigures[], key: string): string {
  return weeks.reduce((sum, w) => sum.plus(w.figures[key] ?? '0'), new Decimal(0)).toFixed();
}
