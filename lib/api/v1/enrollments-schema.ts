import 'server-only';
import { z } from 'zod';
import type { Executor } from '../../../db/client';
import { findApiEnrollment, type ApiEnrollmentRow } from '../../../db/queries/api/enrollments';
import { AppError } from '../../errors';
import { enrollmentStatusSchema } from '../../validation/enums';
import { rewardRuleSchema } from '../../validation/program';
import { idParams } from './fields';

// What the API answers about one enrollment, shared by the reads (enrollments.ts) and the actions
// (enrollments-actions.ts). Rules keep the engine's own shape (rewardRuleSchema, the same as a
// program's rules), so terms read here can be posted back unchanged.

export const enrollmentSchema = z
  .object({
    id: z.uuid(),
    object: z.literal('enrollment'),
    partner_id: z.uuid(),
    program_id: z.uuid(),
    status: enrollmentStatusSchema,
    rules: z
      .array(rewardRuleSchema)
      .nullable()
      .meta({ description: 'Special terms: rules that replace the program’s for this partner on events received since they were set; null follows the program’s rules.' }),
    reason: z.string().nullable().meta({ description: 'The merchant’s words with the latest status change, which the partner reads in the portal.' }),
    status_changed_at: z.iso.datetime().meta({ description: 'When the enrollment took its current status.' }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Enrollment' });

export function renderEnrollment(row: ApiEnrollmentRow): z.input<typeof enrollmentSchema> {
  return {
    id: row.id,
    object: 'enrollment',
    partner_id: row.partnerId,
    program_id: row.programId,
    status: row.status,
    rules: row.rules,
    reason: row.reason,
    status_changed_at: row.statusChangedAt.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}

export const enrollmentIdParams = idParams('The enrollment’s id.');

export async function enrollmentOr404(db: Executor, workspaceId: string, id: string) {
  const row = await findApiEnrollment(db, workspaceId, id);
  if (!row) throw new AppError('not_found', 'Enrollment not found.');
  return renderEnrollment(row);
}
