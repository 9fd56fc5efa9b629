import { describe, expect, it } from 'vitest';
import { DEFAULT_PERIOD, MAX_PERIOD_WEEKS, localToday, parseOverviewPeriod, weeksBetween } from '../../lib/domain/overview-period';

// Thursday 2026-04-16, 22:30 UTC: already Friday in Tokyo, still Thursday in New York.
const now = new Date('2026-04-16T22:30:00Z');

describe('overview period from the URL', () => {
  it.each([
    ['no period: the last 12 weeks', {}, '12w', '2026-01-26', '2026-04-16', 12],
    ['4 weeks: this week and the three before', { period: '4w' }, '4w', '2026-03-23', '2026-04-16', 4],
    ['12 weeks', { period: '12w' }, '12w', '2026-01-26', '2026-04-16', 12],
    ['26 weeks', { period: '26w' }, '26w', '2025-10-20', '2026-04-16', 26],
    ['this year: from 1 January, its week starting in December', { period: 'year' }, 'year', '2026-01-01', '2026-04-16', 16],
    ['custom from/to', { from: '2026-02-04', to: '2026-02-18' }, 'custom', '2026-02-04', '2026-02-18', 3],
    ['custom wins over a preset', { period: '4w', from: '2026-02-02', to: '2026-02-08' }, 'custom', '2026-02-02', '2026-02-08', 1],
    ['a one-day custom period', { from: '2026-02-01', to: '2026-02-01' }, 'custom', '2026-02-01', '2026-02-01', 1],
    ['repeated parameters: the first counts', { period: ['26w', '4w'] }, '26w', '2025-10-20', '2026-04-16', 26],
  ] as const)('%s', (_, sp, preset, from, to, weeks) => {
    const p = parseOverviewPeriod(sp as Record<string, string | string[]>, now);
    expect({ preset: p.preset, from: p.from, to: p.to, weeks: p.weeks.length, notice: p.notice }).toEqual({ preset, from, to, weeks, notice: undefined });
    expect(p.weeks[0] <= p.from && p.weeks.at(-1)! <= p.to).toBe(true);
  });

  it.each([
    ['an unknown preset', { period: '13w' }, /Unknown period/],
    ['a preset with markup', { period: '<script>' }, /Unknown period/],
    ['from without to', { from: '2026-02-01' }, /both dates/],
    ['to without from', { to: '2026-02-01' }, /both dates/],
    ['a date that does not exist', { from: '2026-02-30', to: '2026-03-10' }, /both dates/],
    ['a date in another format', { from: '02/01/2026', to: '2026-03-10' }, /both dates/],
    ['an empty date', { from: '', to: '2026-03-10' }, /both dates/],
    ['a reversed range', { from: '2026-03-10', to: '2026-03-01' }, /starts after it ends/],
    ['a range longer than allowed', { from: '2020-01-01', to: '2026-03-01' }, new RegExp(`at most ${MAX_PERIOD_WEEKS} weeks`)],
  ] as const)('%s falls back to the default with a notice', (_, sp, notice) => {
    const p = parseOverviewPeriod(sp as Record<string, string>, now);
    expect(p.preset).toBe(DEFAULT_PERIOD);
    expect([p.from, p.to, p.weeks.length]).toEqual(['2026-01-26', '2026-04-16', 12]);
    expect(p.notice).toMatch(notice);
  });

  it('counts "today" in the workspace zone', () => {
    expect(localToday(now, 'UTC')).toBe('2026-04-16');
    expect(localToday(now, 'Asia/Tokyo')).toBe('2026-04-17');
    expect(localToday(now, 'America/New_York')).toBe('2026-04-16');
    expect(localToday(now, 'Not/AZone')).toBe('2026-04-16');
    // Sunday 2026-04-19 15:30 UTC is Monday in Tokyo: a new week has begun there
    const sunday = new Date('2026-04-19T15:30:00Z');
    expect(parseOverviewPeriod({ period: '4w' }, sunday, 'UTC').weeks.at(-1)).toBe('2026-04-13');
    expect(parseOverviewPeriod({ period: '4w' }, sunday, 'Asia/Tokyo').weeks.at(-1)).toBe('2026-04-20');
    expect(parseOverviewPeriod({}, sunday, 'Asia/Tokyo').timeZone).toBe('Asia/Tokyo');
  });

  it('lists every Monday between two days, across months and years', () => {
    expect(weeksBetween('2025-12-31', '2026-01-12')).toEqual(['2025-12-29', '2026-01-05', '2026-01-12']);
    expect(weeksBetween('2026-03-01', '2026-03-01')).toEqual(['2026-02-23']);
    expect(weeksBetween('2024-02-26', '2024-03-04')).toEqual(['2024-02-26', '2024-03-04']);
    for (const w of weeksBetween('2025-01-01', '2026-12-31')) expect(new Date(`${w}T00:00:00Z`).getUTCDay()).toBe(1);
  });
});
