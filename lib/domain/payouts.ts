// A payout's life. A failed payout releases its entries back into the payable balance, so only
// processing and paid hold entries. The order is the Postgres enum's: append, never reorder.

export const PAYOUT_STATUSES = ['processing', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** The statuses of a payout that still holds its entries. */
export type LivePayoutStatus = Exclude<PayoutStatus, 'failed'>;
