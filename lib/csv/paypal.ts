import type { PayoutDetails } from '../domain/payout-details';
import type { UnitPrecision } from '../format';
import { amountCell, type CsvCell } from './cells';
import { FITS, leftOut, type FileFit } from './left-out';
import { isCurrencyUnit, paymentId, type ExportPayout } from './payout-row';

// PayPal Payouts Web upload file, as PayPal documents it ("Use Web UI", developer.paypal.com,
// read 2026-11-30; see docs/exports.md): no header row, one payment per row with
//   recipient, amount, currency, customer ID (<= 30 chars, no spaces), note to recipient (<= 400), wallet
// one currency per file, at most 5,000 rows.

export const PAYPAL_MAX_ROWS = 5000;
const NOTE_MAX = 400;

/** Whether a payout belongs in the PayPal file of `currency`, and if not, why. */
export function paypalFit(payout: ExportPayout, details: PayoutDetails | undefined, currency: string | null, units: readonly UnitPrecision[]): FileFit {
  if (payout.status !== 'processing') return leftOut('settled');
  if (!isCurrencyUnit(payout.unit, units)) return leftOut('not_currency');
  if (!details) return leftOut('no_details');
  if (details.method !== 'paypal') return leftOut('other_method');
  // last: "another currency" only for payouts another PayPal file of this batch pays
  if (currency && payout.unit !== currency) return leftOut('other_currency');
  return FITS;
}

/** One PayPal row; call only for a payout paypalFit accepted. */
export function paypalRow(payout: ExportPayout, details: Extract<PayoutDetails, { method: 'paypal' }>, batchReference: string, units: readonly UnitPrecision[]): CsvCell[] {
  return [
    details.email,
    amountCell(payout.amount, payout.unit, units),
    payout.unit,
    paymentId(payout.payoutId),
    `Partner payout ${batchReference}`.slice(0, NOTE_MAX),
    'PAYPAL',
  ];
}
