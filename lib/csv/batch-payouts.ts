import type { PayoutDetails } from '../domain/payout-details';
import type { UnitPrecision } from '../format';
import { amountCell, timeCell, type CsvCell } from './cells';
import { paymentId, type ExportPayout } from './payout-row';

// The batch CSV: one row per payout with the partner's payout details whole, for finance to pay
// from or to hand to a bank that takes none of the bulk formats. Times in UTC (the header says so).

export const BATCH_PAYOUTS_HEADER = [
  'payout_id', 'payment_id', 'batch', 'partner', 'partner_email',
  'payout_method', 'payout_email', 'account_holder', 'account_holder_type', 'account_country', 'iban', 'bic', 'account_number',
  'routing_code', 'account_type', 'payout_instructions',
  'amount', 'unit', 'status', 'transfer_reference', 'failure_reason', 'paid_at_utc',
] as const;

/** The details spread over their columns; a partner without details leaves them all empty. */
function detailCells(details: PayoutDetails | undefined): CsvCell[] {
  const cells = { method: '', email: '', holder: '', holderType: '', country: '', iban: '', bic: '', accountNumber: '', routing: '', accountType: '', instructions: '' };
  switch (details?.method) {
    case 'paypal':
      Object.assign(cells, { method: 'paypal', email: details.email });
      break;
    case 'wise':
      Object.assign(cells, { method: 'wise', email: details.email, holder: details.accountHolder });
      break;
    case 'bank_transfer':
      Object.assign(cells, {
        method: 'bank_transfer', holder: details.accountHolder, holderType: details.holderType, country: details.country, iban: details.iban ?? '',
        bic: details.bic ?? '', accountNumber: details.accountNumber ?? '', routing: details.routingCode ?? '', accountType: details.accountType ?? '',
      });
      break;
    case 'other':
      Object.assign(cells, { method: 'other', instructions: details.instructions });
      break;
  }
  return [cells.method, cells.email, cells.holder, cells.holderType, cells.country, cells.iban, cells.bic, cells.accountNumber, cells.routing, cells.accountType, cells.instructions];
}

export function batchPayoutRow(payout: ExportPayout, details: PayoutDetails | undefined, batchReference: string, units: readonly UnitPrecision[]): CsvCell[] {
  return [
    payout.payoutId,
    paymentId(payout.payoutId),
    batchReference,
    payout.partnerName,
    payout.partnerEmail,
    ...detailCells(details),
    amountCell(payout.amount, payout.unit, units),
    payout.unit,
    payout.status,
    payout.reference,
    payout.failureReason,
    timeCell(payout.paidAt),
  ];
}
