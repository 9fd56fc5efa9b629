import type { PayoutMethod } from './payouts';
import { maskEmail } from '../format';

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
      /** local accounts: letters and digits only (separators removed) */
      accountNumber?: string;
      /** sort code (GB), ABA routing number (US), BSB (AU), IFSC (IN), or a bank code elsewhere */
      routingCode?: string;
      /** US accounts only: ACH and Wise need to know which */
      accountType?: 'checking' | 'savings';
    }
  | {
      method: 'wise';
      email: string;
      accountHolder: string;
      /** Wise's receiverType (PERSON / BUSINESS); always set by the form, absent only in older data */
      holderType?: 'private' | 'business';
    }
  | { method: 'other'; instructions: string };

export type { PayoutMethod };

export const PAYOUT_METHOD_LABELS: Readonly<Record<PayoutMethod, string>> = {
  paypal: 'PayPal',
  bank_transfer: 'Bank transfer',
  wise: 'Wise',
  other: 'Other',
};

const DOT = '•';

/** Private holders by initial and last name ("J. Doe"); businesses by name, which is public anyway. */
function holderName(name: string, type: 'private' | 'business' = 'private'): string {
  const clipped = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
  if (type === 'business') return clipped(name);
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return clipped(name);
  return clipped(`${parts[0].slice(0, 1)}. ${parts.slice(1).join(' ')}`);
}

const lastFour = (s: string) => `${DOT.repeat(4)}${s.slice(-4)}`;

/**
 * The one-line summary the console shows and the audit log keeps: method, the account's first and
 * last characters, the holder. Never enough to pay someone else's account with: exports read the
 * encrypted details whole.
 */
export function maskPayoutDetails(details: PayoutDetails): string {
  switch (details.method) {
    case 'paypal':
      return `PayPal · ${maskEmail(details.email)}`;
    case 'wise':
      return `Wise · ${maskEmail(details.email)} · ${holderName(details.accountHolder, details.holderType)}`;
    case 'bank_transfer': {
      const holder = holderName(details.accountHolder, details.holderType);
      if (details.iban) return `Bank transfer · ${details.iban.slice(0, 4)} ${DOT.repeat(4)} ${details.iban.slice(-4)} · ${holder}`;
      return `Bank transfer · ${details.country} account ${lastFour(details.accountNumber ?? '')} · ${holder}`;
    }
    case 'other':
      // free text may hold anything (an account number, a wallet); only its presence is shown
      return `Other · written instructions (${details.instructions.length} characters)`;
  }
}
