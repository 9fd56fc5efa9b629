import 'server-only';
import { count, eq, and } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, events, partners, programs } from '../schema';

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
