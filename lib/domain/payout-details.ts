import type { PayoutMethod } from './payouts';

// A partner's payout details for one workspace, as the partner entered them (validated by
// lib/validation/payout-details.ts). Stored encrypted; exports read them whole, the console masked.
export type PayoutDetails =
  | { method: 'paypal'; email: string }
  | {
      method: 'bank_transfer';
      accountHolder: string;
      /** 'business' or 'private': Wise's receiverType and most banks' forms need it */
      holderType: 'private' | 'business';
      /** ISO 3166-1 alpha-2 country of the account */
      country: string;
      /** IBAN (no spaces, upper case) with BIC, or a local account number with its routing code */
      iban?: string;
      bic?: string;
      accountNumber?: string;
      routingCode?: string;
    }
  | { method: 'wise'; email: string; accountHolder: string }
  | { method: 'other'; instructions: string };

export type { PayoutMethod };
