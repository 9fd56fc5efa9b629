// Deal registrations: how a prospect is identified and where the claim stands. The order is the
// Postgres enums': append, never reorder.

export const DEAL_MATCH_TYPES = ['email', 'email_domain', 'customer'] as const;
export type DealMatchType = (typeof DEAL_MATCH_TYPES)[number];

export const DEAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
