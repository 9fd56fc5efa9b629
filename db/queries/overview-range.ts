import 'server-only';
import { and, gte, lt, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * A period of the overview in the workspace's zone: local days `from`..`to`, both included
 * (lib/domain/overview-period.ts builds them). The zone defaults to UTC.
 */
export interface OverviewRange {
  from: string;
  to: string;
  timeZone?: string;
}

const zone = (r: OverviewRange) => r.timeZone ?? 'UTC';

// The bounds are constants (local midnight → instant), so a range on an indexed timestamp stays an
// index range; the column itself is only converted in the SELECT list.
const startOf = (r: OverviewRange) => sql`(${r.from}::date::timestamp at time zone ${zone(r)})`;
const endOf = (r: OverviewRange) => sql`((${r.to}::date + 1)::timestamp at time zone ${zone(r)})`;

/** `column` within the period (and not after `now`, when given: what was written later does not exist yet). */
export function inRange(column: AnyColumn, r: OverviewRange, now?: Date): SQL {
  return and(gte(column, startOf(r)), lt(column, endOf(r)), now ? lte(column, now) : undefined)!;
}

/** The Monday (YYYY-MM-DD) of the ISO week `column` falls in, counted in the period's zone. */
export function weekOf(column: AnyColumn | SQL, r: OverviewRange): SQL<string> {
  return sql<string>`to_char(date_trunc('week', ${column} at time zone ${zone(r)}), 'YYYY-MM-DD')`;
}
