import { isCurrencyCode } from '../engine/units';
import type { UnitPrecision } from '../format';
import type { BatchPayoutRow } from '../../db/queries/exports/payouts';

// What the batch exports know of one payout: the row db/queries/exports/payouts.ts reads, less
// the ids and failure time no file writes.
export type ExportPayout = Pick<
  BatchPayoutRow,
  'payoutId' | 'partnerName' | 'partnerEmail' | 'unit' | 'amount' | 'status' | 'reference' | 'failureReason' | 'paidAt'
>;

/**
 * The payout's id in 25 letters and digits (its 128 bits in base 36): PayPal's Customer ID takes at
 * most 30 characters without spaces, and a UUID has 36. The batch CSV shows it beside the payout id
 * so a line of PayPal's report leads back to its payout.
 */
export function paymentId(payoutId: string): string {
  const hex = payoutId.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a payout id: ${payoutId}`);
  return BigInt(`0x${hex}`).toString(36);
}

/** A currency a bank or PayPal can move: an ISO 4217 code that is not one of the workspace's own units. */
export function isCurrencyUnit(unit: string, units: readonly UnitPrecision[]): boolean {
  return isCurrencyCode(unit) && !units.some((u) => u.key === unit);
}
