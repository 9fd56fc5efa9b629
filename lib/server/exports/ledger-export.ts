import 'server-only';
import type { Executor } from '../../../db/client';
import { ledgerExportPages, type LedgerExportRow } from '../../../db/queries/exports/ledger';
import type { LedgerFilters } from '../../../db/queries/ledger-list';
import { listUnits } from '../../../db/queries/units';
import { amountCell, timeCell, type CsvCell } from '../../csv/cells';
import { csvChunks } from '../../csv/write';
import type { UnitPrecision } from '../../format';
import { csvFilename, csvResponse } from '../../http/csv-response';
import type { MerchantScope } from '../scope';

// GET /m/<ws>/ledger/export.csv: every entry the ledger page shows under the same filters, with its
// §5 status at the moment of the download. Times in UTC (the header says so).

export const LEDGER_HEADER = [
  'entry_id', 'time_utc', 'partner', 'partner_email', 'program_or_pool', 'kind', 'rule', 'order', 'amount', 'unit', 'status',
  'payable_from_utc', 'payout_id', 'payout_batch',
] as const;

function ledgerRow(r: LedgerExportRow, units: readonly UnitPrecision[]): CsvCell[] {
  const source = r.programName ?? (r.poolName ? `${r.poolName} ${r.poolPeriod ?? ''}`.trim() : null);
  const rule = r.rule ? (r.ruleName ? `${r.rule}: ${r.ruleName}` : r.rule) : null;
  return [
    r.id, timeCell(r.createdAt), r.partnerName, r.partnerEmail, source, r.kind, rule, r.orderRef,
    amountCell(r.amount, r.unit, units), r.unit, r.status, timeCell(r.payableAt), r.payoutId, r.batchReference,
  ];
}

export async function ledgerExportResponse(db: Executor, scope: MerchantScope, filters: LedgerFilters, now: Date): Promise<Response> {
  const units = await listUnits(db, scope.workspaceId);
  async function* rows() {
    for await (const page of ledgerExportPages(db, scope.workspaceId, filters, now)) yield page.map((r) => ledgerRow(r, units));
  }
  return csvResponse({ filename: csvFilename(scope.workspaceSlug, 'ledger', now), chunks: csvChunks(LEDGER_HEADER, rows()) });
}
