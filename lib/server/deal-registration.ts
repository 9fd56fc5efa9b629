import 'server-only';
import type { Database } from '../../db/client';
import type { DealMatchType } from '../domain/deals';
import { findEnrollmentOfPartners } from '../../db/queries/partners';
import { AppError } from '../errors';
import { registerDeal, type DealInput } from './rewards/deals';

const DAY_MS = 86_400_000;

export interface PartnerDealForm {
  enrollmentId: string;
  matchType: DealMatchType;
  matchValue: string;
  prospectName: string;
  notes?: string;
  /** how long the claim lasts from now, in whole days */
  expiresDays: number;
}

/**
 * A partner registers a prospect in one of their approved programs. The enrollment must belong to
 * one of the caller's partner records and be approved in an active program: any other id is "not
 * found", whoever owns it, so enrollment ids of other partners reveal nothing.
 */
export async function registerPartnerDeal(
  db: Database,
  caller: { partnerIds: string[] },
  form: PartnerDealForm,
  now = new Date(),
): Promise<{ id: string; programName: string }> {
  const enrollment = await findEnrollmentOfPartners(db, caller.partnerIds, form.enrollmentId);
  if (!enrollment || enrollment.status !== 'approved' || enrollment.programStatus !== 'active') {
    throw new AppError('not_found', 'Program not found.', { enrollmentId: 'not found' });
  }
  const match: DealInput['match'] =
    form.matchType === 'email' ? { email: form.matchValue } : form.matchType === 'email_domain' ? { emailDomain: form.matchValue } : { customer: form.matchValue };
  const { id } = await registerDeal(db, enrollment.workspaceId, {
    partnerId: enrollment.partnerId,
    programId: enrollment.programId,
    match,
    prospectName: form.prospectName,
    notes: form.notes,
    registeredAt: now,
    expiresAt: new Date(now.getTime() + form.expiresDays * DAY_MS),
  });
  return { id, programName: enrollment.programName };
}
