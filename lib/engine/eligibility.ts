import { toMs } from './time';
import type { EnrollmentState, PartnerRef } from './types';

export function findEnrollment(
  enrollments: readonly EnrollmentState[],
  partnerId: string,
  programId: string,
): EnrollmentState | undefined {
  return enrollments.find((e) => e.partnerId === partnerId && e.programId === programId);
}

/** Approved during [approvedAt, endedAt): approval takes effect from its own time, never earlier. */
export function isApprovedAt(enrollment: EnrollmentState | undefined, atMs: number): boolean {
  if (!enrollment || enrollment.approvedAt == null) return false;
  if (toMs(enrollment.approvedAt) > atMs) return false;
  return enrollment.endedAt == null || toMs(enrollment.endedAt) > atMs;
}

export function isPartnerApproved(
  enrollments: readonly EnrollmentState[],
  partnerId: string,
  programId: string,
  atMs: number,
): boolean {
  // an enrollment approved, suspended and reinstated appears as one state per approved interval
  return enrollments.some((e) => e.partnerId === partnerId && e.programId === programId && isApprovedAt(e, atMs));
}

export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A partner buying through its own signals earns nothing from them. */
export function isSelfReferral(partners: readonly PartnerRef[], partnerId: string, customerEmail: string | null | undefined): boolean {
  const partner = partners.find((p) => p.id === partnerId);
  return partner != null && sameEmail(partner.email, customerEmail);
}
