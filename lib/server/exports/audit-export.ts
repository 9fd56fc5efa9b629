import 'server-only';
import type { Executor } from '../../../db/client';
import type { AuditFilters } from '../../../db/queries/audit-list';
import { auditExportPages } from '../../../db/queries/exports/audit';
import { timeCell } from '../../csv/cells';
import { csvChunks, type CsvRow } from '../../csv/write';
import { csvFilename, csvResponse } from '../../http/csv-response';
import { canonicalJson } from '../audit-json';
import { apiKeyLabel } from '../../explain/audit';
import type { MerchantScope } from '../scope';

// GET /m/<ws>/audit/export.csv: the audit rows under the audit page's filters, oldest first. Before,
// after and data are compact JSON with sorted keys (jsonb does not keep the order written). A change
// made through the REST API names its key in actor_api_key (`API key “CRM sync” (pl_live_ab12…)`)
// with actor_email empty; both empty is the system (a job). Times in UTC (the header says so).

export const AUDIT_HEADER = ['time_utc', 'actor_email', 'actor_api_key', 'action', 'subject_type', 'subject_id', 'before', 'after', 'data'] as const;

const json = (value: unknown) => (value === null || value === undefined ? null : canonicalJson(value));

const keyCell = (r: { actorApiKeyId: string | null; actorKeyName: string | null; actorKeyPrefix: string | null }) =>
  r.actorApiKeyId ? apiKeyLabel(r.actorKeyName ?? 'unnamed', r.actorKeyPrefix ?? 'pl_live_') : null;

export async function auditExportResponse(db: Executor, scope: MerchantScope, filters: AuditFilters, now: Date): Promise<Response> {
  async function* rows(): AsyncGenerator<CsvRow[]> {
    for await (const page of auditExportPages(db, scope.workspaceId, filters)) {
      yield page.map((r) => [timeCell(r.at), r.actorEmail, keyCell(r), r.action, r.subjectType, r.subjectId, json(r.before), json(r.after), json(r.data)]);
    }
  }
  return csvResponse({ filename: csvFilename(scope.workspaceSlug, 'audit', now), chunks: csvChunks(AUDIT_HEADER, rows()) });
}
