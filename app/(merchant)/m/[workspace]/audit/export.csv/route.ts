import { AppError } from '@/lib/errors';
import { financeExport } from '@/lib/http/export-route';
import { auditExportResponse } from '@/lib/server/exports/audit-export';
import { auditFiltersFrom, auditQueryFilters, type AuditFilterValues } from '../filters';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const FILTER_KEYS: (keyof AuditFilterValues)[] = ['actor', 'subject', 'subjectId', 'action', 'from', 'to'];

/**
 * The audit log as CSV under the audit page's own filters (the same query parameters), oldest
 * first. The page drops a malformed filter and shows more; a file must not quietly hold more than
 * was asked, so here a filter that does not parse is a 400 naming it.
 */
export const GET = financeExport<{ workspace: string }>('audit export', ({ db, scope, query, now }) => {
  const filters = auditFiltersFrom(Object.fromEntries(query));
  const refused = FILTER_KEYS.find((k) => query.get(k)?.trim() && !filters[k]);
  if (refused) throw new AppError('invalid_input', `${refused}: "${query.get(refused)!.slice(0, 40)}" is not a valid audit filter.`, { [refused]: 'invalid' });
  return auditExportResponse(db, scope, auditQueryFilters(filters), now);
});
