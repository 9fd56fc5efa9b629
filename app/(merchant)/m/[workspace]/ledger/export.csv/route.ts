import { AppError } from '@/lib/errors';
import { financeExport } from '@/lib/http/export-route';
import { ledgerExportResponse } from '@/lib/server/exports/ledger-export';
import { ledgerFiltersFrom, ledgerQueryFilters, type LedgerFilterValues } from '../filters';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const FILTER_KEYS: (keyof LedgerFilterValues)[] = ['q', 'partner', 'program', 'pool', 'customer', 'kind', 'status', 'unit', 'from', 'to'];

/**
 * The ledger as CSV under the ledger page's own filters (the same query parameters). The page drops
 * a malformed filter and shows more; a file must not quietly hold more than was asked, so here a
 * filter that does not parse is a 400 naming it.
 */
export const GET = financeExport<{ workspace: string }>('ledger export', ({ db, scope, query, now }) => {
  const filters = ledgerFiltersFrom(Object.fromEntries(query));
  const refused = FILTER_KEYS.find((k) => query.get(k)?.trim() && !filters[k]);
  if (refused) throw new AppError('invalid_input', `${refused}: "${query.get(refused)!.slice(0, 40)}" is not a valid ledger filter.`, { [refused]: 'invalid' });
  return ledgerExportResponse(db, scope, ledgerQueryFilters(filters, now), now);
});
