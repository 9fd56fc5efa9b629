import 'server-only';
import type { Redis } from '@upstash/redis';
import type { Database } from '../../../db/client';
import { clickExists, insertClickRows } from '../../../db/queries/tracked-clicks';
import { trackingKeys } from '../../tracking/keys';
import { clickRowOf, parseClickMessage } from './click-message';

/**
 * For event ingestion: an order may name a click (`data.clickId`) that is still waiting in Redis,
 * because the visitor bought within seconds of clicking and the flush runs once a minute. Call
 * this before attributing. It costs one Redis GET of the click's own record, which the edge writes
 * in the same round trip as the queue entry (lib/tracking/click-record.ts):
 *
 * - found: that one click is stored now, by the flush's own idempotent insert (the same row, and
 *   the flush later finds it already stored), and nothing else waits;
 * - not found: the flush has stored it already (it deletes the record only after the insert) or
 *   the id was never queued; Postgres answers which, and nothing waits for a flush.
 *
 * Returns whether the workspace's click is stored; false for an unknown id, or another
 * workspace's. A click stored ahead of the queue this way takes its arrival sequence now, so it
 * may precede clicks queued before it; that only matters for two clicks in the same millisecond.
 */
export async function ensureClickStored(db: Database, redis: Redis, workspaceId: string, clickId: string): Promise<boolean> {
  const queued = await redis.get<string>(trackingKeys.queuedClick(clickId));
  const message = queued == null ? null : parseClickMessage(queued);
  if (message && message.id === clickId && message.workspaceId === workspaceId) {
    const outcome = await insertClickRows(db, [clickRowOf(message)]);
    // orphaned: its link was deleted since the click, so there is nothing to attach it to
    return outcome.orphaned === 0;
  }
  return clickExists(db, workspaceId, clickId);
}
