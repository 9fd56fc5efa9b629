import { AUDIT_SUBJECTS, type AuditSubject } from '@/lib/domain/audit';
import type { AuditFilters } from '@/db/queries/audit-list';

type SP = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z_]+\.[a-z_]+$/;
const DAY_MS = 86_400_000;

/**
 * The audit page's filters as they stand in the URL, each already checked (a malformed one is
 * simply ignored). The names are the CSV route's (`export.csv` takes the same query string).
 */
export interface AuditFilterValues {
  actor?: string;
  subject?: AuditSubject;
  subjectId?: string;
  action?: string;
  from?: string;
  to?: string;
}

const one = (sp: SP, k: string) => {
  const v = Array.isArray(sp[k]) ? sp[k][0] : sp[k];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};
const day = (v?: string) => (v && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined);

export function auditFiltersFrom(sp: SP): AuditFilterValues {
  const actor = one(sp, 'actor');
  const action = one(sp, 'action');
  return {
    // a member's id, or `key:<id>` for an API key
    actor: actor && UUID.test(actor.replace(/^key:/, '')) ? actor : undefined,
    subject: AUDIT_SUBJECTS.find((s) => s === one(sp, 'subject')),
    subjectId: one(sp, 'subjectId')?.slice(0, 200),
    action: action && ACTION.test(action) ? action : undefined,
    from: day(one(sp, 'from')),
    to: day(one(sp, 'to')),
  };
}

/** The query's filters: days are UTC (as in the CSV, which stays in UTC), and "until" includes its whole day. */
export function auditQueryFilters(v: AuditFilterValues): AuditFilters {
  return {
    actorUserId: v.actor?.startsWith('key:') ? undefined : v.actor,
    actorApiKeyId: v.actor?.startsWith('key:') ? v.actor.slice(4) : undefined,
    subjectType: v.subject, subjectId: v.subjectId, action: v.action,
    from: v.from ? new Date(`${v.from}T00:00:00Z`) : undefined,
    to: v.to ? new Date(Date.parse(`${v.to}T00:00:00Z`) + DAY_MS) : undefined,
  };
}

/** The same filters as a query string, for the CSV link and the pager. */
export function auditFilterParams(v: AuditFilterValues): Record<string, string | undefined> {
  return { actor: v.actor, subject: v.subject, subjectId: v.subjectId, action: v.action, from: v.from, to: v.to };
}
