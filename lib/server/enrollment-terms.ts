import 'server-only';
import type { Database } from '../../db/client';
import { lockEnrollmentForChange, updateEnrollmentRules } from '../../db/queries/enrollment-terms';
import { recordAudit } from '../../db/queries/audit';
import { AppError } from '../errors';
import type { RewardRule } from '../validation/program';
import { checkRuleAmounts, programUnitInfo } from './programs';
import type { MerchantScope } from './scope';
import { auditJson, sameSnapshot } from './audit-json';

/**
 * A partner's special agreement in one program (SPEC §2): its own rules replace the program's for
 * this partner on events received from now on; null returns it to the program's rules. Entries
 * already written keep the rules they were computed with (each explanation records its rule).
 */
export async function setEnrollmentTerms(db: Database, scope: MerchantScope, enrollmentId: string, rules: RewardRule[] | null) {
  return db.transaction(async (tx) => {
    const enrollment = await lockEnrollmentForChange(tx, scope.workspaceId, enrollmentId);
    if (!enrollment) throw new AppError('not_found', 'Enrollment not found.');
    if (rules) checkRuleAmounts(rules, await programUnitInfo(tx, scope.workspaceId, enrollment.unit));
    await updateEnrollmentRules(tx, scope.workspaceId, enrollmentId, rules);
    const before = auditJson({ rules: enrollment.rules ?? null });
    const after = auditJson({ rules });
    if (!sameSnapshot(before, after)) {
      await recordAudit(tx, {
        workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'enrollment.terms_changed', subjectType: 'enrollment', subjectId: enrollmentId,
        before, after,
        data: { partnerId: enrollment.partnerId, partnerName: enrollment.partnerName, programId: enrollment.programId, programName: enrollment.programName, unit: enrollment.unit },
      });
    }
    return { partnerName: enrollment.partnerName, programName: enrollment.programName };
  });
}
