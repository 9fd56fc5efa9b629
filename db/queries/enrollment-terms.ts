import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, partners, programs } from '../schema';
import type { RewardRule } from '../../lib/validation/program';

/**
 * An enrollment locked for a change by the merchant (a decision or special terms), with the names
 * the audit log and the confirmation need and the program's unit for the terms editor; undefined
 * when the id is not this workspace's. The lock orders two decisions on one enrollment, so the
 * status each records as "before" is the one it really changed.
 */
export async function lockEnrollmentForChange(db: Executor, workspaceId: string, enrollmentId: string) {
  const [row] = await db
    .select({
      id: enrollments.id,
      status: enrollments.status,
      rules: enrollments.rules,
      partnerId: enrollments.partnerId,
      programId: enrollments.programId,
      partnerName: partners.name,
      programName: programs.name,
      unit: programs.unit,
    })
    .from(enrollments)
    .innerJoin(partners, eq(partners.id, enrollments.partnerId))
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, enrollmentId)))
    .for('update', { of: enrollments });
  return row;
}

/** Replaces the enrollment's own rules; null makes the partner follow the program's rules again. */
export async function updateEnrollmentRules(db: Executor, workspaceId: string, enrollmentId: string, rules: RewardRule[] | null) {
  await db.update(enrollments).set({ rules }).where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, enrollmentId)));
}
