import 'server-only';
import type { Executor } from '../../../db/client';
import { listUnits } from '../../../db/queries/units';
import { Decimal } from '../../engine/decimal';
import { unitPrecision, type UnitPrecision } from '../../format';
import { LeftOutTally, type BulkFormat, type FileFit } from '../../csv/left-out';
import { PAYPAL_MAX_ROWS, paypalFit } from '../../csv/paypal';
import { WISE_MAX_ROWS, wiseFit } from '../../csv/wise';
import { batchPayoutsWithDetails, type PayoutWithDetails } from './batch-payouts';

// Which payouts of a batch a bulk-payment file pays, and why the others are not in it. The download
// (X-Left-Out header) and the batch page (beside its buttons) read the same count.

export interface BulkFileSummary {
  /** what the file pays, per currency (PayPal takes one currency per file, so one file each) */
  currencies: { currency: string; payouts: number; total: string }[];
  payouts: number;
  /** one line per reason a payout is not in the file: "2 payouts in points (not a currency)" */
  leftOut: string[];
  /** the file holds more payments than the service takes in one upload (PayPal 5,000, Wise 1,000) */
  overLimit: string | null;
}

const LIMITS: Record<BulkFormat, { rows: number; service: string }> = {
  paypal: { rows: PAYPAL_MAX_ROWS, service: 'PayPal' },
  wise: { rows: WISE_MAX_ROWS, service: 'Wise' },
};

/** Whether one payout belongs in the file (PayPal: of `currency`, or of any currency when null). */
export function bulkFit(format: BulkFormat, row: PayoutWithDetails, currency: string | null, units: readonly UnitPrecision[]): FileFit {
  return format === 'paypal' ? paypalFit(row.payout, row.details, currency, units) : wiseFit(row.payout, row.details, units);
}

export interface BulkTally {
  currencies: Map<string, { payouts: number; total: Decimal }>;
  leftOut: LeftOutTally;
}

/** One pass over a batch: per file, the payouts it pays by currency and the reasons for the others. */
export async function tallyBulkFiles(db: Executor, workspaceId: string, batchId: string, units: readonly UnitPrecision[]): Promise<Record<BulkFormat, BulkTally>> {
  const tallies: Record<BulkFormat, BulkTally> = {
    paypal: { currencies: new Map(), leftOut: new LeftOutTally() },
    wise: { currencies: new Map(), leftOut: new LeftOutTally() },
  };
  for await (const page of batchPayoutsWithDetails(db, workspaceId, batchId)) {
    for (const row of page) {
      for (const format of ['paypal', 'wise'] as const) {
        const fit = bulkFit(format, row, null, units);
        const tally = tallies[format];
        if (!fit.fits) {
          tally.leftOut.add(fit.reason, row.payout.unit);
          continue;
        }
        const c = tally.currencies.get(row.payout.unit) ?? { payouts: 0, total: new Decimal(0) };
        tally.currencies.set(row.payout.unit, { payouts: c.payouts + 1, total: c.total.plus(row.payout.amount) });
      }
    }
  }
  return tallies;
}

/**
 * The summary of one file. For PayPal with a `currency`, the payouts in the batch's other currencies
 * are left out of this file (each currency has its own); without one, every currency counts.
 */
export function summariseBulkFile(format: BulkFormat, tally: BulkTally, units: readonly UnitPrecision[], currency: string | null = null): BulkFileSummary {
  const leftOut = tally.leftOut.clone();
  const currencies: BulkFileSummary['currencies'] = [];
  for (const [unit, c] of tally.currencies) {
    if (currency && unit !== currency) leftOut.add('other_currency', unit, c.payouts);
    else currencies.push({ currency: unit, payouts: c.payouts, total: c.total.toFixed(unitPrecision(unit, units) ?? 2) });
  }
  currencies.sort((a, b) => a.currency.localeCompare(b.currency));
  const payouts = currencies.reduce((n, c) => n + c.payouts, 0);
  // PayPal's limit is per file, and its file is one currency
  const largest = format === 'paypal' ? Math.max(0, ...currencies.map((c) => c.payouts)) : payouts;
  const limit = LIMITS[format];
  return {
    currencies,
    payouts,
    leftOut: leftOut.lines(format),
    overLimit:
      largest > limit.rows
        ? `${limit.service} takes ${limit.rows.toLocaleString('en-US')} payments per upload and this file has ${largest.toLocaleString('en-US')}: split it before uploading.`
        : null,
  };
}

/** What the batch page shows beside its PayPal and Wise buttons (the downloads say the same). */
export async function bulkFileCoverage(db: Executor, workspaceId: string, batchId: string): Promise<Record<BulkFormat, BulkFileSummary>> {
  const units = await listUnits(db, workspaceId);
  const tallies = await tallyBulkFiles(db, workspaceId, batchId, units);
  return { paypal: summariseBulkFile('paypal', tallies.paypal, units), wise: summariseBulkFile('wise', tallies.wise, units) };
}
