import 'server-only';
import type { Database } from '../../db/client';
import { listTrackedLinksOfWorkspace } from '../../db/queries/tracked-links';
import { setAllowedDomains } from '../../db/queries/workspaces';
import { lockWorkspaceSettings } from '../../db/queries/workspace-settings';
import { recordAudit } from '../../db/queries/audit';
import { AppError } from '../errors';
import { cacheLinks, evictLinks } from '../tracking/link-cache';
import { writeRedis } from '../tracking/redis';
import { cachedLinkOf } from './links';
import { sameSnapshot } from './audit-json';

/**
 * Tracked links may only send visitors to these hosts (and their subdomains): no open redirects.
 * The list also governs links that already exist: one whose destination is no longer allowed
 * stops redirecting at once (the edge answers "link not available") and redirects again once the
 * host is allowed again.
 *
 * "At once" means within this request, on every path:
 * - inside the transaction, after the UPDATE has taken the workspace row's lock (saves of one
 *   workspace run one after the other), every cached entry of the workspace's links is rewritten
 *   from the new list. If Redis cannot be written the save is rolled back and refused: a change
 *   the merchant was told is saved must not leave the edge sending visitors to a removed host for
 *   the cache's hour;
 * - after the commit the entries are evicted, so a Postgres fallback that read the old list just
 *   before the commit (or a concurrent save's rewrite) cannot leave a stale entry behind: the next
 *   visit refills from what is committed. Evicting is order-independent, unlike a second rewrite;
 * - the Postgres fallback decides from the committed list on every visit it serves.
 * An edge isolate's own memory copy lives at most 5 s longer (lib/tracking/link-cache.ts).
 * The audit row (who, old and new list) is written in the same transaction; scripts pass no actor.
 */
export async function saveAllowedDomains(
  db: Database, workspaceId: string, domains: string[], actorUserId: string | null = null,
): Promise<{ linksNowBlocked: number }> {
  const rows = await db.transaction(async (tx) => {
    const current = await lockWorkspaceSettings(tx, workspaceId);
    await setAllowedDomains(tx, workspaceId, domains);
    if (current && !sameSnapshot(current.allowedDomains, domains)) {
      // written before the cache rewrite below, so a refused rewrite rolls the audit row back too
      await recordAudit(tx, {
        workspaceId, actorUserId, action: 'settings.allowed_domains_changed', subjectType: 'settings', subjectId: 'allowed_domains',
        before: { allowedDomains: current.allowedDomains }, after: { allowedDomains: domains },
      });
    }
    const linksOfWorkspace = await listTrackedLinksOfWorkspace(tx, workspaceId);
    try {
      await cacheLinks(writeRedis(), linksOfWorkspace.map((row) => ({ code: row.code, link: cachedLinkOf(row) })), { onlyIfCached: true });
    } catch (err) {
      console.error('[tracking] could not rewrite the link cache for a domains change; the change is rolled back', err);
      throw new AppError('internal', 'The tracking cache could not be updated, so the domains were not saved (live links would have kept the old list). Try again in a minute.');
    }
    return linksOfWorkspace;
  });
  await evictLinks(writeRedis(), rows.map((row) => row.code)).catch((err) =>
    console.error('[tracking] evicting the link cache after a domains change failed; the entries written before the commit stand', err),
  );
  return { linksNowBlocked: rows.filter((row) => !row.disabled && !cachedLinkOf(row).destinationAllowed).length };
}
