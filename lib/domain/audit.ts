// What the audit log records: every configuration change and every payout action, written in the
// change's own transaction (db/queries/audit.ts). Subjects are plain text in Postgres so adding a
// kind needs no migration; this list is what the audit page filters by.

export const AUDIT_SUBJECTS = [
  'program', 'group', 'pool', 'enrollment', 'partner', 'coupon', 'link', 'customer', 'deal',
  'integration', 'secret', 'api_key', 'webhook', 'member', 'invitation', 'settings',
  'payout_batch', 'payout', 'payout_details',
] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];
