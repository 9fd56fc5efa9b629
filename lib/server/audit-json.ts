import 'server-only';
import type { Json } from '../engine';

// Snapshots for the audit log's before/after columns. Services hand over their own records (rows,
// validated forms); the log stores them as plain JSON: dates as ISO text, undefined keys dropped.

/** A plain JSON copy of a record, as jsonb will store it. */
export function auditJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

/** JSON with object keys sorted: jsonb hands keys back in its own order, not the order written. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v,
  );
}

/** Whether a save changed nothing: such a save writes no audit row (as it writes no program version). */
export function sameSnapshot(before: unknown, after: unknown): boolean {
  return canonicalJson(before) === canonicalJson(after);
}
