import 'server-only';
import { count, eq, and, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, events, ledgerEntries, partners, programs } from '../schema';

/** The four headline counts of the console overview. */
export async function workspaceCounts(db: Executor, workspaceId: string) {
  const [[p], [pa], [pending], [ev]] = await Promise.all([
    db.select({ n: count() }).from(programs).where(eq(programs.workspaceId, workspaceId)),
    db.select({ n: count() }).from(partners).where(eq(partners.workspaceId, workspaceId)),
    db.select({ n: count() }).from(enrollments).where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.status, 'pending'))),
    db.select({ n: count() }).from(events).where(eq(events.workspaceId, workspaceId)),
  ]);
  return { programs: p?.n ?? 0, partners: pa?.n ?? 0, pendingApplications: pending?.n ?? 0, events: ev?.n ?? 0 };
}

/** Net rewards recorded per month and unit since `from`: the overview chart. */
export async function monthlyRewards(db: Executor, workspaceId: string, from: Date) {
  return db
    .select({
      month: sql<string>`to_char(date_trunc('month', ${ledgerEntries.createdAt} at time zone 'UTC'), 'YYYY-MM')`,
      unit: ledgerEntries.unit,
      amount: sql<string>`sum(${ledgerEntries.amount})::text`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), sql`${ledgerEntries.createdAt} >= ${from}`))
    .groupBy(sql`1`, ledgerEntries.unit)
    .orderBy(sql`1`);
}
