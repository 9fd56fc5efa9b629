// A payout's life. A failed payout releases its entries back into the payable balance, so only
// processing and paid hold entries. The order is the Postgres enum's: append, never reorder.

export const PAYOUT_STATUSES = ['processing', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** The statuses of a payout that still holds its entries. */
export type LivePayoutStatus = Exclude<PayoutStatus, 'failed'>;

// How a partner wants to be paid, per workspace. The order is the Postgres enum's: append only.
export const PAYOUT_METHODS = ['paypal', 'bank_transfer', 'wise', 'other'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

// A payout batch is built in chunks of partners so that a batch over thousands of partners never
// blocks a request; `building` batches are finished by the build job (and resumed after a restart).
export const BATCH_STATES = ['building', 'ready'] as const;
export type BatchState = (typeof BATCH_STATES)[number];
