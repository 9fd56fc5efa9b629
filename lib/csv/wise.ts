import type { PayoutDetails } from '../domain/payout-details';
import type { UnitPrecision } from '../format';
import { amountCell, type CsvCell } from './cells';
import { FITS, leftOut, type FileFit } from './left-out';
import { isCurrencyUnit, type ExportPayout } from './payout-row';

// Wise batch payment file, the "Send to bank accounts" template (wise.com help "How do I fill in my
// batch template?", read 2026-11-30; see docs/exports.md): a header row whose names Wise matches
// exactly, the eight transfer columns every template starts with, then the bank-detail columns of
// the currencies in the file. A multi-currency template carries the union of those columns and
// leaves the ones a row does not use empty, which is what this file does. Rows of partners paid to
// their Wise email fill recipientEmail and no bank columns (the "Send by email" template's columns).

export const WISE_HEADER = [
  'name', 'recipientEmail', 'paymentReference', 'receiverType', 'amountCurrency', 'amount', 'sourceCurrency', 'targetCurrency',
  'IBAN', 'BIC', 'accountNumber', 'sortCode', 'abartn', 'accountType', 'bsbCode', 'ifscCode',
] as const;

/** Wise takes at most 1,000 transfers per batch file. */
export const WISE_MAX_ROWS = 1000;
// the shortest reference limit among the common rails (UK Faster Payments): 18 characters
const REFERENCE_MAX = 18;

type BankDetails = Extract<PayoutDetails, { method: 'bank_transfer' }>;

/** Where a local account's routing code goes, by the account's country. */
const ROUTING_COLUMN: Readonly<Record<string, 'sortCode' | 'abartn' | 'bsbCode' | 'ifscCode'>> = {
  GB: 'sortCode', US: 'abartn', AU: 'bsbCode', IN: 'ifscCode',
};

export function wiseFit(payout: ExportPayout, details: PayoutDetails | undefined, units: readonly UnitPrecision[]): FileFit {
  if (payout.status !== 'processing') return leftOut('settled');
  if (!isCurrencyUnit(payout.unit, units)) return leftOut('not_currency');
  if (!details) return leftOut('no_details');
  if (details.method === 'wise') return FITS;
  if (details.method !== 'bank_transfer') return leftOut('other_method');
  if (details.iban) return FITS;
  return details.accountNumber && details.routingCode && ROUTING_COLUMN[details.country.toUpperCase()] ? FITS : leftOut('bank_not_supported');
}

function bankColumns(details: BankDetails): Partial<Record<string, string>> {
  if (details.iban) return { IBAN: details.iban, BIC: details.bic ?? '' };
  const column = ROUTING_COLUMN[details.country.toUpperCase()];
  return {
    accountNumber: details.accountNumber ?? '',
    [column]: details.routingCode ?? '',
    ...(details.accountType ? { accountType: details.accountType.toUpperCase() } : {}),
  };
}

/** One Wise row; call only for a payout wiseFit accepted. */
export function wiseRow(payout: ExportPayout, details: PayoutDetails, batchReference: string, units: readonly UnitPrecision[]): CsvCell[] {
  const bank: Partial<Record<string, string>> = details.method === 'bank_transfer' ? bankColumns(details) : {};
  const transfer: Record<string, CsvCell> = {
    name: details.method === 'bank_transfer' || details.method === 'wise' ? details.accountHolder : payout.partnerName,
    recipientEmail: details.method === 'wise' ? details.email : payout.partnerEmail,
    paymentReference: batchReference.slice(0, REFERENCE_MAX),
    receiverType: details.method === 'bank_transfer' && details.holderType === 'business' ? 'BUSINESS' : 'PERSON',
    // "target": the partner receives exactly the amount owed; Wise's fee is the merchant's
    amountCurrency: 'target',
    amount: amountCell(payout.amount, payout.unit, units),
    sourceCurrency: payout.unit,
    targetCurrency: payout.unit,
  };
  return WISE_HEADER.map((column) => (column in transfer ? transfer[column] : (bank[column] ?? '')));
}
