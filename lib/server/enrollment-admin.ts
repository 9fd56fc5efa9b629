import 'server-only';
import type { Database } from '../../db/client';
import { insertEnrollment } from '../../db/queries/partners';
import { findPartnerProfileFields } from '../../db/queries/partner-profile';
import { findProgram } from '../../db/queries/programs';
import { findApiEnrollment } from '../../db/queries/api/enrollments';
import { recordAudit } from '../../db/queries/audit';
import { AppError } from '../errors';
import { enqueueWebhooks } from './webhooks/outbox';
import { partnerEnrolledData } from './webhooks/payloads';
import type { MerchantScope } from './scope';

export type DirectEnrollmentStatus = 'approved' | 'pending';

/**
 * The merchant enrolls one of its partners in one of its programs directly, without an application:
 * approved at once, or pending to decide later. An id that is not this workspace's is not found
 * (naming the field); an archived program takes nobody; a second enrollment of the same pair is a
 * conflict (the unique index decides, so concurrent requests cannot both enroll). The audit row and
 * the `partner.enrolled` webhook are written in the enrollment's transaction.
 */
export async function enrollPartner(
  db: Database,
  scope: MerchantScope,
  input: { partnerId: string; programId: string; status: DirectEnrollmentStatus },
  at: Date,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const partner = await findPartnerProfileFields(tx, scope.workspaceId, input.partnerId);
    if (!partner) throw new AppError('not_found', 'Partner not found.', { partner_id: 'not found' });
    const program = await findProgram(tx, scope.workspaceId, input.programId);
    if (!program) throw new AppError('not_found', 'Program not found.', { program_id: 'not found' });
    if (program.status !== 'active') {
      throw new AppError('conflict', `${program.name} is archived; restore it before enrolling partners.`, { program_id: 'program is archived' });
    }
    const created = await insertEnrollment(tx, { workspaceId: scope.workspaceId, partnerId: input.partnerId, programId: input.programId, status: input.status, at });
    if (!created) {
      throw new AppError('conflict', `${partner.name} is already enrolled in ${program.name}; approve, reject or suspend that enrollment instead.`, { program_id: 'already enrolled' });
    }
    const row = (await findApiEnrollment(tx, scope.workspaceId, created.id))!;
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'enrollment.created', subjectType: 'enrollment', subjectId: created.id, at,
      before: null, after: { status: input.status },
      data: { name: `${partner.name} in ${program.name}`, partnerId: input.partnerId, partnerName: partner.name, programId: program.id, programName: program.name },
    });
    // the row's own created_at, so the webhook and the API's answer give the same time
    await enqueueWebhooks(tx, scope.workspaceId, 'partner.enrolled', [partnerEnrolledData({
      enrollment: { id: created.id, partnerId: input.partnerId, programId: program.id, status: input.status, createdAt: row.createdAt },
      partner: { id: input.partnerId, email: partner.email, name: partner.name },
      program: { id: program.id, name: program.name },
    })], at);
    return { id: created.id };
  });
}
