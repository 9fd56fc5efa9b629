import 'server-only';
import type { Executor } from '../../../db/client';
import { findBatchForExport } from '../../../db/queries/exports/payouts';
import { listUnits } from '../../../db/queries/units';
import { BATCH_PAYOUTS_HEADER, batchPayoutRow } from '../../csv/batch-payouts';
import type { BulkFormat } from '../../csv/left-out';
import { paypalRow } from '../../csv/paypal';
import { WISE_HEADER, wiseRow } from '../../csv/wise';
import { csvChunks, type CsvRow } from '../../csv/write';
import type { UnitPrecision } from '../../format';
import { AppError } from '../../errors';
import { csvFilename, csvResponse } from '../../http/csv-response';
import type { MerchantScope } from '../scope';
import { batchPayoutsWithDetails } from './batch-payouts';
import { bulkFit, summariseBulkFile, tallyBulkFiles, type BulkFileSummary } from './bulk-files';

// GET /m/<ws>/payouts/<batchId>/export.csv[?format=paypal[&currency=XXX]|wise]: the batch's payouts
// with their payout details whole, or the bulk-payment file PayPal or Wise takes for upload.

const FORMATS = ['csv', 'paypal', 'wise'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(query: URLSearchParams): Format {
  const raw = query.get('format');
  if (raw === null || raw === '') return 'csv';
  const format = FORMATS.find((f) => f === raw.toLowerCase());
  if (!format) throw new AppError('invalid_input', `format: "${raw.slice(0, 40)}" is not an export format; use paypal, wise, or none for the batch CSV.`, { format: 'unknown format' });
  return format;
}

function currencyOf(query: URLSearchParams): string | null {
  const raw = query.get('currency');
  if (raw === null || raw === '') return null;
  if (!/^[A-Za-z]{3}$/.test(raw)) throw new AppError('invalid_input', 'currency: use a three-letter ISO 4217 code such as USD.', { currency: 'not a currency code' });
  return raw.toUpperCase();
}

export async function batchExportResponse(db: Executor, scope: MerchantScope, batchId: string, query: URLSearchParams, now: Date): Promise<Response> {
  const format = formatOf(query);
  const currency = format === 'paypal' ? currencyOf(query) : null;
  const batch = await findBatchForExport(db, scope.workspaceId, batchId);
  if (!batch) throw new AppError('not_found', 'Not found.');
  if (batch.state === 'building') throw new AppError('conflict', 'This batch is still being built; its files can be downloaded once it is ready.');
  const units = await listUnits(db, scope.workspaceId);
  const name = (what: string) => csvFilename(scope.workspaceSlug, `payouts-${batch.reference}${what}`, now);
  if (format === 'csv') {
    return csvResponse({ filename: name(''), chunks: csvChunks(BATCH_PAYOUTS_HEADER, batchRows(db, scope.workspaceId, batch, units)) });
  }
  const tally = (await tallyBulkFiles(db, scope.workspaceId, batch.id, units))[format];
  const fileCurrency = format === 'paypal' ? (currency ?? onlyCurrency(tally.currencies)) : null;
  const summary = summariseBulkFile(format, tally, units, fileCurrency);
  return csvResponse({
    filename: name(`-${format}${fileCurrency ? `-${fileCurrency}` : ''}`),
    // PayPal's upload file has no header row: its first line is the first payment
    chunks: csvChunks(format === 'wise' ? WISE_HEADER : null, bulkRows(db, scope.workspaceId, batch, format, fileCurrency, units)),
    headers: leftOutHeaders(summary),
  });
}

/** PayPal takes one currency per file: without ?currency= the batch must pay in one currency only. */
function onlyCurrency(currencies: Map<string, unknown>): string | null {
  const codes = [...currencies.keys()].sort();
  if (codes.length <= 1) return codes[0] ?? null;
  throw new AppError('invalid_input', `currency: PayPal takes one currency per file and this batch pays in ${codes.join(', ')}; add ?currency=${codes[0]} (one file per currency).`, {
    currency: `one of ${codes.join(', ')}`,
  });
}

/** Headers are Latin-1: the reasons are our own ASCII sentences with unit keys, kept ASCII. */
function leftOutHeaders(summary: BulkFileSummary): Record<string, string> {
  const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
  return {
    'x-included': String(summary.payouts),
    'x-left-out': summary.leftOut.length ? ascii(summary.leftOut.join('; ')) : 'none',
    ...(summary.overLimit ? { 'x-over-limit': ascii(summary.overLimit) } : {}),
  };
}

type Batch = { id: string; reference: string };

async function* batchRows(db: Executor, workspaceId: string, batch: Batch, units: readonly UnitPrecision[]): AsyncGenerator<CsvRow[]> {
  for await (const page of batchPayoutsWithDetails(db, workspaceId, batch.id)) {
    yield page.map(({ payout, details }) => batchPayoutRow(payout, details, batch.reference, units));
  }
}

async function* bulkRows(
  db: Executor, workspaceId: string, batch: Batch, format: BulkFormat, currency: string | null, units: readonly UnitPrecision[],
): AsyncGenerator<CsvRow[]> {
  for await (const page of batchPayoutsWithDetails(db, workspaceId, batch.id)) {
    const rows: CsvRow[] = [];
    for (const row of page) {
      if (!bulkFit(format, row, currency, units).fits || !row.details) continue;
      if (format === 'wise') rows.push(wiseRow(row.payout, row.details, batch.reference, units));
      else if (row.details.method === 'paypal') rows.push(paypalRow(row.payout, row.details, batch.reference, units));
    }
    yield rows;
  }
}
