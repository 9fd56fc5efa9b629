import 'server-only';
import type { Executor } from '../client';
import { auditLog } from '../schema';
import type { AuditSubject } from '../../lib/domain/audit';
import type { Json } from '../../lib/engine';
import { actingApiKeyId } from '../../lib/server/request-actor';

export interface AuditRecord {
  workspaceId: string;
  /** the member (or partner user) who made the change; null for the system (jobs, API without a user) */
  actorUserId: string | null;
  /** what happened, `<subject>.<verb>` in past tense: `program.updated`, `payout.marked_paid` */
  action: string;
  subjectType: AuditSubject;
  subjectId?: string | null;
  /** the subject before and after the change; null for creations (before) and deletions (after) */
  before?: Json | null;
  after?: Json | null;
  /** anything else worth keeping (a reason, a reference, counts) */
  data?: { [key: string]: Json };
  at?: Date;
}

/**
 * Records one change. Call it with the transaction that makes the change, so the log holds a row
 * exactly when the change committed: never a row for a change that rolled back, never a change
 * without its row. Secrets never go in `before`/`after`; record that they changed, not their value.
 */
export async function recordAudit(tx: Executor, rec: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: rec.workspaceId,
    actorUserId: rec.actorUserId,
    // a change made through the REST API names its key (lib/server/request-actor.ts)
    actorApiKeyId: actingApiKeyId(),
    action: rec.action,
    subjectType: rec.subjectType,
    subjectId: rec.subjectId ?? null,
    before: rec.before ?? null,
    after: rec.after ?? null,
    data: rec.data ?? {},
    ...(rec.at ? { at: rec.at } : {}),
  });
}
