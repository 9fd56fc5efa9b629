import type { PayoutMethod, PayoutStatus } from '@/lib/domain/payouts';

// Words and badge tones for payouts, shared by the preview, the batch page and the payouts page.

export const previewStatusLabel = { will_pay: 'Will be paid', below_minimum: 'Below minimum: carried forward', not_positive: 'Not positive: carried forward' } as const;
export const previewStatusTone = { will_pay: 'green', below_minimum: 'amber', not_positive: 'slate' } as const;

export const payoutStatusLabel: Record<PayoutStatus, string> = { processing: 'Processing', paid: 'Paid', failed: 'Failed' };
export const payoutStatusTone = { processing: 'amber', paid: 'blue', failed: 'red' } as const satisfies Record<PayoutStatus, string>;

export const payoutMethodLabel: Record<PayoutMethod, string> = { paypal: 'PayPal', bank_transfer: 'Bank transfer', wise: 'Wise', other: 'Other' };
