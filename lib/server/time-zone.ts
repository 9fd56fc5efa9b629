import 'server-only';
import type { Database } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import { lockTimeZone, setTimeZone } from '../../db/queries/workspaces';
import { AppError } from '../errors';
import type { MerchantScope } from './scope';

/**
 * Sets the zone the console shows this workspace's dates in (validated by the caller's schema).
 * Stored times, exports and the engine stay in UTC: only what people read changes. Saving the same
 * zone again writes nothing, not even an audit row.
 */
export async function setWorkspaceTimeZone(db: Database, scope: MerchantScope, timeZone: string) {
  return db.transaction(async (tx) => {
    const before = await lockTimeZone(tx, scope.workspaceId);
    if (before === undefined) throw new AppError('not_found', 'Workspace not found.');
    if (before === timeZone) return { changed: false };
    await setTimeZone(tx, scope.workspaceId, timeZone);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actorUserId: scope.userId,
      action: 'settings.time_zone_changed',
      subjectType: 'settings',
      subjectId: scope.workspaceId,
      before: { timeZone: before },
      after: { timeZone },
    });
    return { changed: true };
  });
}
