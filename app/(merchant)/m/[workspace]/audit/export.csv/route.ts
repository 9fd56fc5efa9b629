import type { AuditFilters } from '@/db/queries/audit-list';
import { AUDIT_SUBJECTS } from '@/lib/domain/audit';
import { AppError } from '@/lib/errors';
import { financeExport } from '@/lib/http/export-route';
import { auditExportResponse } from '@/lib/server/exports/audit-export';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The audit page's filters from the query string; a filter that does not parse is a 400 naming it. */
function auditFiltersFrom(query: URLSearchParams): AuditFilters {
  const value = (key: string) => query.get(key)?.trim() || undefined;
  const refuse = (key: string, why: string): never => {
    throw new AppError('invalid_input', `${key}: ${why}`, { [key]: why });
  };
  const day = (key: string) => {
    const v = value(key);
    if (!v) return undefined;
    const at = DAY.test(v) ? Date.parse(`${v}T00:00:00Z`) : NaN;
    return Number.isNaN(at) ? refuse(key, 'use a date as YYYY-MM-DD.') : at;
  };
  const actor = value('actor');
  if (actor && !UUID.test(actor)) refuse('actor', 'not a member id.');
  const subject = value('subject');
  if (subject && !(AUDIT_SUBJECTS as readonly string[]).includes(subject)) refuse('subject', `use one of ${AUDIT_SUBJECTS.join(', ')}.`);
  const action = value('action');
  if (action && !/^[a-z_]+\.[a-z_]+$/.test(action)) refuse('action', 'an action reads like program.updated.');
  const from = day('from');
  const to = day('to');
  return {
    actorUserId: actor, subjectType: subject, subjectId: value('subjectId')?.slice(0, 200), action,
    // days are UTC, and "until" includes its whole day, as on the ledger
    from: from === undefined ? undefined : new Date(from),
    to: to === undefined ? undefined : new Date(to + DAY_MS),
  };
}

/** The audit log as CSV under the audit page's filters, oldest first. */
export const GET = financeExport<{ workspace: string }>('audit export', ({ db, scope, query, now }) =>
  auditExportResponse(db, scope, auditFiltersFrom(query), now),
);
