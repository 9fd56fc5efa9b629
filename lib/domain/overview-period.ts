// The console overview's period: a preset or a custom from/to, kept in the URL (`?period=12w`,
// `?from=2026-01-05&to=2026-03-29`). Everything here is calendar arithmetic on local dates of the
// workspace's zone; the queries turn a local date into an instant with the zone (db/queries/overview-range.ts),
// so no JavaScript time-zone maths is needed beyond "what day is it there now".

export const PERIOD_PRESETS = ['4w', '12w', '26w', 'year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PERIOD: PeriodPreset = '12w';

export const periodPresetLabel: Readonly<Record<PeriodPreset, string>> = {
  '4w': 'Last 4 weeks',
  '12w': 'Last 12 weeks',
  '26w': 'Last 26 weeks',
  year: 'This year',
};

/** A custom period may span at most this many weeks: a weekly chart of three years is still legible. */
export const MAX_PERIOD_WEEKS = 157;

export interface OverviewPeriod {
  preset: PeriodPreset | 'custom';
  /** first local day included (YYYY-MM-DD) */
  from: string;
  /** last local day included (YYYY-MM-DD) */
  to: string;
  timeZone: string;
  /** the Monday of every week the period touches, oldest first: the charts' x axis, zeros included */
  weeks: string[];
  /** why the URL's period was not used (then the default is shown) */
  notice?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const first = (sp: SearchParams, key: string) => {
  const v = sp[key];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() ? s.trim() : undefined;
};

/** Days since 1970-01-01 of a calendar date; undefined unless it is a real date (no 2026-02-30). */
function dayNumber(date: string): number | undefined {
  if (!DAY.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return ms / DAY_MS;
}

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
// 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

/** Today's date where the workspace is (an unknown zone reads as UTC). */
export function localToday(now: Date, timeZone: string): string {
  try {
    // en-CA writes dates as YYYY-MM-DD
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** The Mondays (ISO weeks) from the week of `from` to the week of `to`, both included. */
export function weeksBetween(from: string, to: string): string[] {
  const start = mondayOf(dayNumber(from)!);
  const end = mondayOf(dayNumber(to)!);
  const weeks: string[] = [];
  for (let d = start; d <= end; d += 7) weeks.push(dateOf(d));
  return weeks;
}

function presetRange(preset: PeriodPreset, today: string): { from: string; to: string } {
  const day = dayNumber(today)!;
  if (preset === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  // "last N weeks": this week (so far) and the N-1 whole weeks before it
  const weeks = Number(preset.slice(0, -1));
  return { from: dateOf(mondayOf(day) - 7 * (weeks - 1)), to: today };
}

function build(preset: OverviewPeriod['preset'], range: { from: string; to: string }, timeZone: string, notice?: string): OverviewPeriod {
  return { preset, ...range, timeZone, weeks: weeksBetween(range.from, range.to), ...(notice ? { notice } : {}) };
}

/**
 * The period the URL asks for. `from`/`to` (both, as YYYY-MM-DD) make a custom period and win over
 * `period`; anything malformed, reversed or longer than MAX_PERIOD_WEEKS falls back to the
 * default with a notice saying why, so a hand-edited URL never breaks the page.
 */
export function parseOverviewPeriod(sp: SearchParams, now: Date, timeZone = 'UTC'): OverviewPeriod {
  const today = localToday(now, timeZone);
  const fallback = (notice: string) => build(DEFAULT_PERIOD, presetRange(DEFAULT_PERIOD, today), timeZone, notice);
  const from = first(sp, 'from');
  const to = first(sp, 'to');
  if (from !== undefined || to !== undefined) {
    const fromDay = from === undefined ? undefined : dayNumber(from);
    const toDay = to === undefined ? undefined : dayNumber(to);
    if (fromDay === undefined || toDay === undefined) return fallback('The custom period needs both dates as YYYY-MM-DD; showing the last 12 weeks.');
    if (fromDay > toDay) return fallback('The custom period starts after it ends; showing the last 12 weeks.');
    if ((mondayOf(toDay) - mondayOf(fromDay)) / 7 + 1 > MAX_PERIOD_WEEKS) {
      return fallback(`A custom period spans at most ${MAX_PERIOD_WEEKS} weeks; showing the last 12 weeks.`);
    }
    return build('custom', { from: from!, to: to! }, timeZone);
  }
  const period = first(sp, 'period');
  if (period === undefined) return build(DEFAULT_PERIOD, presetRange(DEFAULT_PERIOD, today), timeZone);
  const preset = PERIOD_PRESETS.find((p) => p === period);
  return preset ? build(preset, presetRange(preset, today), timeZone) : fallback(`Unknown period “${period.slice(0, 20)}”; showing the last 12 weeks.`);
}
