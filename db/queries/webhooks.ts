import 'server-only';
import { and, asc, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { members, users, webhookDeliveries, webhookSecrets, workspaces } from '../schema';

// Settings → Webhooks: the outbound endpoint's health (failures in a row, disabled time) and the
// delivery log. The failure count is only ever changed by single UPDATE statements that read and
// write it under the row's lock, so parallel delivery runs each see a distinct count.

/** Which secrets a workspace has (never their values). */
export async function secretStatus(db: Executor, workspaceId: string) {
  return db
    .select({ kind: webhookSecrets.kind, url: webhookSecrets.url, createdAt: webhookSecrets.createdAt })
    .from(webhookSecrets)
    .where(eq(webhookSecrets.workspaceId, workspaceId));
}

const outbound = (workspaceId: string) => and(eq(webhookSecrets.workspaceId, workspaceId), eq(webhookSecrets.kind, 'outbound'));

export interface OutboundEndpoint {
  url: string | null;
  consecutiveFailures: number;
  disabledAt: Date | null;
  createdAt: Date;
  /** deliveries still queued (waiting for a retry, or for the endpoint to be re-enabled) */
  queued: number;
}

/** The settings page's view of the endpoint; undefined when none was ever saved. */
export async function findOutboundEndpoint(db: Executor, workspaceId: string): Promise<OutboundEndpoint | undefined> {
  const [row] = await db
    .select({ url: webhookSecrets.url, consecutiveFailures: webhookSecrets.consecutiveFailures, disabledAt: webhookSecrets.disabledAt, createdAt: webhookSecrets.createdAt })
    .from(webhookSecrets)
    .where(outbound(workspaceId));
  if (!row) return undefined;
  const [queued] = await db
    .select({ n: count() })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.status, 'queued')));
  return { ...row, queued: queued?.n ?? 0 };
}

/** Whether the endpoint is disabled now (read fresh before each attempt, not cached by a run). */
export async function outboundEndpointDisabled(db: Executor, workspaceId: string): Promise<boolean> {
  const [row] = await db.select({ disabledAt: webhookSecrets.disabledAt }).from(webhookSecrets).where(outbound(workspaceId));
  return Boolean(row?.disabledAt);
}

/**
 * Counts one failed attempt and disables the endpoint when the count reaches `disableAt`, in one
 * statement. Concurrent callers queue on the row lock and each returns its own count (5, 6, …), so
 * exactly one caller sees any given number, and exactly one sees the disabling. A disabled
 * endpoint is not counted any further (undefined), nor is a workspace without one.
 */
export async function countOutboundFailure(db: Executor, workspaceId: string, disableAt: number, now: Date) {
  const [row] = await db
    .update(webhookSecrets)
    .set({
      consecutiveFailures: sql`${webhookSecrets.consecutiveFailures} + 1`,
      disabledAt: sql`case when ${webhookSecrets.consecutiveFailures} + 1 >= ${disableAt} then ${now.toISOString()}::timestamptz else null end`,
    })
    .where(and(outbound(workspaceId), isNull(webhookSecrets.disabledAt)))
    .returning({ failures: webhookSecrets.consecutiveFailures, disabledAt: webhookSecrets.disabledAt, url: webhookSecrets.url });
  return row;
}

/** A 2xx answer: the count starts again (written only when there is something to reset). */
export async function resetOutboundFailures(db: Executor, workspaceId: string) {
  await db
    .update(webhookSecrets)
    .set({ consecutiveFailures: 0 })
    .where(and(outbound(workspaceId), isNull(webhookSecrets.disabledAt), gt(webhookSecrets.consecutiveFailures, 0)));
}

/** The endpoint row locked for re-enabling; undefined when the workspace has none. */
export async function lockOutboundEndpoint(db: Executor, workspaceId: string) {
  const [row] = await db
    .select({ url: webhookSecrets.url, consecutiveFailures: webhookSecrets.consecutiveFailures, disabledAt: webhookSecrets.disabledAt })
    .from(webhookSecrets)
    .where(outbound(workspaceId))
    .for('update');
  return row;
}

export async function enableOutboundEndpoint(db: Executor, workspaceId: string) {
  await db.update(webhookSecrets).set({ consecutiveFailures: 0, disabledAt: null }).where(outbound(workspaceId));
}

/** Who is told about a failing endpoint: the workspace's owners, and the workspace's names for the mail. */
export async function endpointAlertRecipients(db: Executor, workspaceId: string) {
  const rows = await db
    .select({ email: users.email, workspaceName: workspaces.name, workspaceSlug: workspaces.slug })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'owner')))
    .orderBy(asc(users.email));
  return rows;
}

/** One delivery of the workspace, as the re-send copies it; undefined for another workspace's id. */
export async function findDelivery(db: Executor, workspaceId: string, deliveryId: string) {
  const [row] = await db
    .select({ id: webhookDeliveries.id, topic: webhookDeliveries.topic, payload: webhookDeliveries.payload, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, deliveryId)));
  return row;
}

export async function listDeliveries(db: Executor, workspaceId: string, q: { page: number; pageSize: number }) {
  const rows = await db
    .select({
      id: webhookDeliveries.id, topic: webhookDeliveries.topic, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts,
      lastError: webhookDeliveries.lastError, lastStatusCode: webhookDeliveries.lastStatusCode, nextAttemptAt: webhookDeliveries.nextAttemptAt,
      resentFromId: webhookDeliveries.resentFromId, createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.workspaceId, workspaceId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, workspaceId));
  return { rows, total: total?.n ?? 0 };
}
