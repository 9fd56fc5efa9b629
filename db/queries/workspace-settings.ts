import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { workspaces } from '../schema';

/**
 * The workspace's tracking and API settings, with its row locked until the transaction ends: saves
 * of one workspace's settings run one after the other, so the "before" each records in the audit
 * log is what it really replaced.
 */
export async function lockWorkspaceSettings(db: Executor, workspaceId: string) {
  const [row] = await db
    .select({ allowedDomains: workspaces.allowedDomains, eventsPerMinute: workspaces.eventsPerMinute })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for('update');
  return row;
}
