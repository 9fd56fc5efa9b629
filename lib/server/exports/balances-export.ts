import 'server-only';
import type { Executor } from '../../../db/client';
import { balanceExportPages } from '../../../db/queries/exports/balances';
import { listUnits } from '../../../db/queries/units';
import { amountCell, timeCell } from '../../csv/cells';
import { csvChunks, type CsvRow } from '../../csv/write';
import { csvFilename, csvResponse } from '../../http/csv-response';
import type { MerchantScope } from '../scope';

// GET /m/<ws>/payouts/balances.csv: the §5 balances per partner and unit at the moment of the
// download (its time is in every row, in UTC, so two files can be told apart).

export const BALANCES_HEADER = ['partner_id', 'partner', 'partner_email', 'unit', 'pending', 'payable', 'processing', 'paid', 'as_of_utc'] as const;

export async function balancesExportResponse(db: Executor, scope: MerchantScope, now: Date): Promise<Response> {
  const units = await listUnits(db, scope.workspaceId);
  async function* rows(): AsyncGenerator<CsvRow[]> {
    for await (const page of balanceExportPages(db, scope.workspaceId, now)) {
      yield page.map((b) => [
        b.partnerId, b.partnerName, b.partnerEmail, b.unit,
        amountCell(b.pending, b.unit, units), amountCell(b.payable, b.unit, units), amountCell(b.processing, b.unit, units), amountCell(b.paid, b.unit, units),
        timeCell(now),
      ]);
    }
  }
  return csvResponse({ filename: csvFilename(scope.workspaceSlug, 'balances', now), chunks: csvChunks(BALANCES_HEADER, rows()) });
}
