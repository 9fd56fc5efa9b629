import 'server-only';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, ledgerEntries, payoutItems, payouts, programs } from '../schema';
import { bucketSums } from './balances';
import { inRange, weekOf, type OverviewRange } from './overview-range';
import { partnerFacingTerms } from './programs';

// The partner dashboard (/p) for ONE partner record: every query takes the workspace id and the
// partner id of the merchant the partner chose, so two merchants' figures never mix. Money sums
// use the balances' own §5 SQL (bucketSums), so the dashboard agrees with the earnings page and
// the statements to the cent.

const mine = (workspaceId: string, partnerId: string) => and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.partnerId, partnerId));

/**
 * The partner's rewards per week of creation and unit, split by where each entry stands now
 * (pending, payable, processing, paid). Only weeks with entries; the page fills the rest with zeros.
 */
export async function partnerWeeklyRewards(db: Executor, workspaceId: string, partnerId: string, range: OverviewRange, now: Date) {
  return db
    .select({ week: weekOf(ledgerEntries.createdAt, range), unit: ledgerEntries.unit, ...bucketSums(now) })
    .from(ledgerEntries)
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(mine(workspaceId, partnerId), inRange(ledgerEntries.createdAt, range, now)))
    .groupBy(sql`1`, ledgerEntries.unit)
    .orderBy(ledgerEntries.unit);
}

export interface UpcomingMoney {
  /** the local day (YYYY-MM-DD, in the workspace's zone) the amount becomes payable */
  day: string;
  unit: string;
  /** net of refunds written so far, exact numeric string */
  amount: string;
  entries: number;
}

/**
 * Pending money by the day it becomes payable, soonest first: "120.00 USD becomes payable on
 * 12 Dec". The amounts are the pending bucket's own sum, so over all days they equal the pending
 * balance. Days netting to zero (a reward and its full refund) are left out.
 */
export async function upcomingPayable(db: Executor, workspaceId: string, partnerId: string, now: Date, timeZone: string, limit = 6): Promise<UpcomingMoney[]> {
  const day = sql<string>`to_char(${ledgerEntries.payableAt} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const { pending } = bucketSums(now);
  const rows = await db
    .select({ day, unit: ledgerEntries.unit, amount: pending, entries: sql<number>`count(*)::int` })
    .from(ledgerEntries)
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(mine(workspaceId, partnerId), gt(ledgerEntries.payableAt, now), lte(ledgerEntries.createdAt, now)))
    .groupBy(sql`1`, ledgerEntries.unit)
    .having(sql`${pending}::numeric <> 0`)
    .orderBy(sql`1`, asc(ledgerEntries.unit))
    .limit(limit);
  return rows;
}

const latestChange = (column: 'reason' | 'at') =>
  sql.raw(`(select c.${column} from enrollment_status_changes c where c.enrollment_id = "enrollments"."id" order by c.at desc, c.seq desc limit 1)`);

/**
 * The partner's enrollments with this merchant: status, the merchant's latest words (why rejected
 * or suspended) and when it decided, and the terms the partner works under (its own special rules
 * when the merchant agreed some, else the program's).
 */
export async function partnerEnrollmentsWithTerms(db: Executor, workspaceId: string, partnerId: string) {
  return db
    .select({
      enrollmentId: enrollments.id,
      status: enrollments.status,
      appliedAt: enrollments.appliedAt,
      decidedAt: sql<Date | null>`${latestChange('at')}`.mapWith((v) => (v == null ? null : new Date(v))),
      reason: sql<string | null>`${latestChange('reason')}`,
      ownRules: enrollments.rules,
      programId: programs.id,
      name: programs.name,
      programStatus: programs.status,
      ...partnerFacingTerms,
    })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, partnerId)))
    .orderBy(asc(programs.name), asc(programs.id));
}
