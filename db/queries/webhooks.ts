import 'server-only';
import { count, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { webhookDeliveries, webhookSecrets } from '../schema';

/** Which secrets a workspace has (never their values). */
export async function secretStatus(db: Executor, workspaceId: string) {
  return db
    .select({ kind: webhookSecrets.kind, url: webhookSecrets.url, createdAt: webhookSecrets.createdAt })
    .from(webhookSecrets)
    .where(eq(webhookSecrets.workspaceId, workspaceId));
}

export async function listDeliveries(db: Executor, workspaceId: string, q: { page: number; pageSize: number }) {
  const rows = await db
    .select({
      id: webhookDeliveries.id, topic: webhookDeliveries.topic, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts,
      lastError: webhookDeliveries.lastError, nextAttemptAt: webhookDeliveries.nextAttemptAt, createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.workspaceId, workspaceId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, workspaceId));
  return { rows, total: total?.n ?? 0 };
}
