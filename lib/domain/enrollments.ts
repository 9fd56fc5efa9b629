// A partner's standing in a program; every change is kept with its time (eligibility is judged at
// the event's time). The order is the Postgres enum's: append, never reorder.

export const ENROLLMENT_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
