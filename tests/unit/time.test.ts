import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, isTimeZone, timeZoneNames } from '../../lib/time';

// The console shows dates in the workspace's zone. The cases that go wrong when a zone is handled as
// a fixed offset: the hour a DST change skips or repeats, and the calendar day near midnight.

describe('formatDateTime', () => {
  it.each([
    // Europe/Berlin leaves CET for CEST at 01:00 UTC on the last Sunday of March: 02:00 local never happens
    ['2026-03-29T00:59:00Z', 'Europe/Berlin', '29 Mar 2026, 01:59 CET'],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', '29 Mar 2026, 03:00 CEST'],
    // ...and returns at 01:00 UTC on the last Sunday of October: 02:30 local happens twice, told apart by its name
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', '25 Oct 2026, 02:30 CEST'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', '25 Oct 2026, 02:30 CET'],
    // America/New_York springs forward at 07:00 UTC on the second Sunday of March
    ['2026-03-08T06:59:00Z', 'America/New_York', '8 Mar 2026, 01:59 EST'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '8 Mar 2026, 03:00 EDT'],
    ['2026-11-30T12:05:00Z', 'Europe/Berlin', '30 Nov 2026, 13:05 CET'],
    ['2026-11-30T12:05:00Z', 'UTC', '30 Nov 2026, 12:05 UTC'],
    // a zone without an English abbreviation keeps its offset, half hours included
    ['2026-11-30T12:05:00Z', 'Asia/Kolkata', '30 Nov 2026, 17:35 GMT+5:30'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(formatDateTime(new Date(iso), zone)).toBe(expected);
  });

  it('accepts ISO strings and falls back to UTC for a zone it does not know', () => {
    expect(formatDateTime('2026-11-30T12:05:00Z', 'Mars/Olympus_Mons')).toBe('30 Nov 2026, 12:05 UTC');
    expect(formatDateTime('2026-11-30T12:05:00Z')).toBe('30 Nov 2026, 12:05 UTC');
    expect(formatDateTime('not a date', 'UTC')).toBe('—');
  });
});

describe('formatDate', () => {
  it('gives the calendar day in the zone, which near midnight is not the UTC day', () => {
    const lateInUtc = new Date('2026-12-31T23:30:00Z');
    expect(formatDate(lateInUtc, 'UTC')).toBe('31 Dec 2026');
    expect(formatDate(lateInUtc, 'Asia/Tokyo')).toBe('1 Jan 2027');
    expect(formatDate(new Date('2027-01-01T03:00:00Z'), 'America/Los_Angeles')).toBe('31 Dec 2026');
  });

  it('on the day a DST change shortens, the last instant still belongs to that day', () => {
    // 29 Mar 2026 in Berlin lasts 23 hours: from 28 Mar 23:00 UTC to 29 Mar 22:00 UTC
    expect(formatDate(new Date('2026-03-28T22:59:59Z'), 'Europe/Berlin')).toBe('28 Mar 2026');
    expect(formatDate(new Date('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toBe('29 Mar 2026');
    expect(formatDate(new Date('2026-03-29T21:59:59Z'), 'Europe/Berlin')).toBe('29 Mar 2026');
    expect(formatDate(new Date('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('30 Mar 2026');
  });
});

describe('isTimeZone', () => {
  it('accepts UTC and IANA names spelled exactly, current and older spellings alike', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv']) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
  });

  it('refuses what is not a zone name, or is spelled otherwise', () => {
    for (const zone of ['', 'europe/berlin', 'Mars/Olympus_Mons', 'CET+1', '+05:30', 'Europe/Berlin ', '../etc/passwd']) {
      expect(isTimeZone(zone), zone).toBe(false);
    }
  });

  it('every name the picker offers is accepted, UTC first among them', () => {
    const offered = timeZoneNames();
    expect(offered[0]).toBe('UTC');
    expect(new Set(offered).size).toBe(offered.length);
    expect(offered.length).toBeGreaterThan(300);
    expect(offered.every(isTimeZone)).toBe(true);
  });
});
