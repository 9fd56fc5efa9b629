// Partner notification emails (issue 11). Kinds are text in Postgres; statuses are an enum whose
// order is the database's: append, never reorder.

export const NOTIFICATION_KINDS = ['application_decided', 'reward_payable', 'payout_sent', 'payout_failed', 'deal_decided'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'skipped', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
