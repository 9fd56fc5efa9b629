import 'server-only';
import type { Database } from '../../db/client';
import { findJoinableProgram } from '../../db/queries/programs';
import { findUserCredentials, insertUser } from '../../db/queries/users';
import {
  findPartnerByEmail,
  insertEnrollment,
  insertPartner,
  linkPartnerToUser,
  updateEnrollmentStatus,
  type EnrollmentStatus,
} from '../../db/queries/partners';
import { lockEnrollmentForChange } from '../../db/queries/enrollment-terms';
import { recordAudit } from '../../db/queries/audit';
import { hashPassword, verifyPassword } from '../auth/password';
import { AppError } from '../errors';
import { enqueueApplicationDecided } from './notifications/enqueue';
import { enqueueWebhooks } from './webhooks/outbox';
import { enrollmentDecidedData, partnerEnrolledData } from './webhooks/payloads';
import type { PartnerJoin } from '../validation/accounts';

export interface JoinResult {
  userId: string;
  status: EnrollmentStatus;
  alreadyEnrolled: boolean;
  programName: string;
}

/**
 * A partner applies through a program's public join page. A new email creates the account; an
 * existing one must bring its password (so nobody can enrol someone else's account). The workspace's
 * partner record is found or created by email, and the enrollment is approved at once when the
 * program auto-approves.
 */
export async function joinProgram(
  db: Database,
  target: { workspaceSlug: string; programSlug: string },
  applicant: { signedInUserId?: string; form?: PartnerJoin; email?: string; name?: string },
  now = new Date(),
): Promise<JoinResult> {
  const program = await findJoinableProgram(db, target.workspaceSlug, target.programSlug);
  if (!program) throw new AppError('not_found', 'This program does not exist or is not open for applications.');
  const newHash = applicant.form && !applicant.signedInUserId ? await hashPassword(applicant.form.password) : undefined;

  return db.transaction(async (tx) => {
    let userId = applicant.signedInUserId;
    let email = applicant.email;
    let name = applicant.name ?? '';
    if (!userId) {
      const form = applicant.form;
      if (!form) throw new AppError('invalid_input', 'Fill in the application form.');
      const existing = await findUserCredentials(tx, form.email);
      if (existing) {
        if (!(await verifyPassword(form.password, existing.passwordHash))) {
          throw new AppError('conflict', 'This email already has an account; enter its password to apply.', {
            password: 'does not match the existing account',
          });
        }
        userId = existing.id;
      } else {
        userId = (await insertUser(tx, { email: form.email, name: form.name, passwordHash: newHash! })).id;
      }
      email = form.email;
      name = form.name;
    }
    if (!email) throw new AppError('invalid_input', 'An email is required.', { email: 'is required' });

    let partner = await findPartnerByEmail(tx, program.workspaceId, email);
    if (!partner) {
      const created = await insertPartner(tx, program.workspaceId, {
        email,
        name: name || email,
        company: applicant.form?.company || null,
        userId,
      });
      partner = { id: created.id, userId, email, name };
    } else if (!partner.userId) {
      // the merchant added this partner by hand before; the account now claims it
      await linkPartnerToUser(tx, program.workspaceId, partner.id, userId);
    } else if (partner.userId !== userId) {
      throw new AppError('conflict', 'This partner email belongs to another account.', { email: 'belongs to another account' });
    }

    const status: EnrollmentStatus = program.approvalMode === 'auto' ? 'approved' : 'pending';
    const created = await insertEnrollment(tx, {
      workspaceId: program.workspaceId,
      partnerId: partner.id,
      programId: program.programId,
      status,
      at: now,
    });
    if (created) {
      await enqueueWebhooks(tx, program.workspaceId, 'partner.enrolled', [partnerEnrolledData({
        enrollment: { id: created.id, partnerId: partner.id, programId: program.programId, status: created.status, createdAt: now },
        partner: { id: partner.id, email: partner.email, name: partner.name },
        program: { id: program.programId, name: program.name },
      })], now);
    }
    return { userId, status: created?.status ?? status, alreadyEnrolled: !created, programName: program.name };
  });
}

const ALLOWED: Record<EnrollmentStatus, EnrollmentStatus[]> = {
  pending: ['approved', 'rejected'],
  approved: ['suspended'],
  suspended: ['approved'],
  rejected: ['approved'],
};

/** Who decides: a member of the workspace (the console), or nobody (scenarios and scripts pass null). */
export interface EnrollmentDecider {
  workspaceId: string;
  userId: string | null;
}

/**
 * Approve, reject, suspend or reinstate an enrollment; the change is kept with its time and the
 * merchant's optional reason, which the partner reads in the portal, and in the audit log.
 */
export async function changeEnrollmentStatus(
  db: Database,
  decider: EnrollmentDecider,
  enrollmentId: string,
  next: EnrollmentStatus,
  at = new Date(),
  reason: string | null = null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const enrollment = await lockEnrollmentForChange(tx, decider.workspaceId, enrollmentId);
    if (!enrollment) throw new AppError('not_found', 'Enrollment not found.');
    if (enrollment.status === next) return;
    if (!ALLOWED[enrollment.status].includes(next)) {
      throw new AppError('invalid_input', `An enrollment that is ${enrollment.status} cannot become ${next}.`, { status: 'transition not allowed' });
    }
    await updateEnrollmentStatus(tx, decider.workspaceId, enrollmentId, next, at, reason);
    await recordAudit(tx, {
      workspaceId: decider.workspaceId, actorUserId: decider.userId, action: `enrollment.${next}`, subjectType: 'enrollment', subjectId: enrollmentId,
      before: { status: enrollment.status }, after: { status: next },
      data: { partnerId: enrollment.partnerId, partnerName: enrollment.partnerName, programId: enrollment.programId, programName: enrollment.programName, reason },
    });
    await enqueueWebhooks(tx, decider.workspaceId, 'enrollment.decided', [enrollmentDecidedData({
      id: enrollmentId, partnerId: enrollment.partnerId, partnerName: enrollment.partnerName, programId: enrollment.programId, programName: enrollment.programName,
      status: next, previousStatus: enrollment.status, reason, decidedAt: at,
    })], at);
    // the partner's email about the decision, queued with it (an approval or rejection of an application only)
    await enqueueApplicationDecided(tx, decider.workspaceId, {
      enrollmentId, partnerId: enrollment.partnerId, programName: enrollment.programName, from: enrollment.status, to: next, reason, at,
    });
  });
}
