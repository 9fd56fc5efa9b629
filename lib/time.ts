// Dates for people, in the workspace's time zone (a setting, default UTC): "30 Nov 2026, 13:05 CET"
// and "30 Nov 2026". Day-month-year with the month in words reads the same everywhere (no 03/04
// ambiguity), and the zone's name travels with every time so nobody mistakes it for their own.
// Exports and the ledger's stored times stay in UTC; only what the console shows is converted.

export const DEFAULT_TIME_ZONE = 'UTC';

/** Every zone a workspace may choose: 'UTC' (the default) first, then the IANA names this runtime knows. */
export function timeZoneNames(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

let names: Set<string> | undefined;
// Area/Location as the tz database spells it ('Europe/Berlin', 'America/Argentina/Buenos_Aires')
const IANA_SHAPE = /^[A-Z][A-Za-z_]+(?:\/[A-Z0-9][A-Za-z0-9_+-]*)+$/;

/**
 * True for 'UTC' and the IANA names this runtime supports, spelled exactly ('Europe/Berlin', not
 * 'europe/berlin'). Intl lists the names its ICU calls canonical, which are older ones on some
 * runtimes ('Asia/Calcutta', 'Europe/Kiev'): a current name that Intl resolves ('Asia/Kolkata',
 * 'Europe/Kyiv') is accepted too, so nobody is told their city's real name is wrong.
 */
export function isTimeZone(name: string): boolean {
  names ??= new Set(timeZoneNames());
  if (names.has(name)) return true;
  if (!IANA_SHAPE.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// Building an Intl.DateTimeFormat is costly and a table formats hundreds of cells: one per zone and kind.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'time' | 'zoneGB' | 'zoneUS', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { day: 'numeric', month: 'short', year: 'numeric', timeZone }
        : kind === 'time'
          ? { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
          : { timeZoneName: 'short', timeZone };
    f = new Intl.DateTimeFormat(kind === 'zoneUS' ? 'en-US' : 'en-GB', options);
    formatters.set(key, f);
  }
  return f;
}

function zoneIn(kind: 'zoneGB' | 'zoneUS', date: Date, timeZone: string): string {
  return formatter(kind, timeZone).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/**
 * The zone's short name at that instant, so a DST change shows (CET in winter, CEST in summer).
 * British English names European zones (CET, BST) and American English names American ones (EST,
 * PDT); where neither has a name, the offset stays ("GMT+5:30").
 */
export function timeZoneAbbreviation(date: Date, timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC';
  const gb = zoneIn('zoneGB', date, timeZone);
  if (!/^GMT[+-]/.test(gb)) return gb;
  const us = zoneIn('zoneUS', date, timeZone);
  return /^GMT[+-]/.test(us) ? gb : us;
}

/** An unknown zone (a value stored before validation, a typo) falls back to UTC instead of throwing. */
function safeZone(timeZone: string | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
}

function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "30 Nov 2026" in the zone: the calendar day there, which near midnight differs from UTC's. */
export function formatDate(value: Date | string, timeZone?: string): string {
  const date = asDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  return formatter('date', safeZone(timeZone)).format(date);
}

/** "30 Nov 2026, 13:05 CET": the wall-clock time in the zone with the zone's name at that instant. */
export function formatDateTime(value: Date | string, timeZone?: string): string {
  const date = asDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  const zone = safeZone(timeZone);
  return `${formatter('time', zone).format(date)} ${timeZoneAbbreviation(date, zone)}`;
}
