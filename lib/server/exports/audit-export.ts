import 'server-only';
import type { Executor } from '../../../db/client';
import type { AuditFilters } from '../../../db/queries/audit-list';
import { auditExportPages } from '../../../db/queries/exports/audit';
import { timeCell } from '../../csv/cells';
import { csvChunks, type CsvRow } from '../../csv/write';
import { csvFilename, csvResponse } from '../../http/csv-response';
import { canonicalJson } from '../audit-json';
import type { MerchantScope } from '../scope';

// GET /m/<ws>/audit/export.csv: the audit rows under the audit page's filters, oldest first. Before,
// after and data are compact JSON with sorted keys (jsonb does not keep the order written). An empty
// actor is the system (a job, or the API without a user). Times in UTC (the header says so).

export const AUDIT_HEADER = ['time_utc', 'actor_email', 'action', 'subject_type', 'subject_id', 'before', 'after', 'data'] as const;

const json = (value: unknown) => (value === null || value === undefined ? null : canonicalJson(value));

export async function auditExportResponse(db: Executor, scope: MerchantScope, filters: AuditFilters, now: Date): Promise<Response> {
  async function* rows(): AsyncGenerator<CsvRow[]> {
    for await (const page of auditExportPages(db, scope.workspaceId, filters)) {
      yield page.map((r) => [timeCell(r.at), r.actorEmail, r.action, r.subjectType, r.subjectId, json(r.before), json(r.after), json(r.data)]);
    }
  }
  return csvResponse({ filename: csvFilename(scope.workspaceSlug, 'audit', now), chunks: csvChunks(AUDIT_HEADER, rows()) });
}
