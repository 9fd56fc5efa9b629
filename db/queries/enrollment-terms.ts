import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, partners, programs } from '../schema';
import type { RewardRule } from '../../lib/validation/program';

/**
 * An enrollment's special agreement with what its editor needs (the program's unit and rules),
 * locked for the change; undefined when the id is not this workspace's.
 */
export async function lockEnrollmentTerms(db: Executor, workspaceId: string, enrollmentId: string) {
  const [row] = await db
    .select({
      id: enrollments.id,
      rules: enrollments.rules,
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
