import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../client';
import { webhookSecrets } from '../schema';
import type { SecretKind } from '../../lib/domain/integrations';

// Rows of encrypted signing secrets, one per workspace and kind. Only ciphertext crosses this
// boundary: encryption and its key live in lib/server/secrets.ts.

/** Stores (or replaces) a workspace's secret of one kind; replacing restarts its "since" date. */
export async function upsertWorkspaceSecret(db: Executor, workspaceId: string, kind: SecretKind, secretEncrypted: string, url: string | null) {
  await db
    .insert(webhookSecrets)
    .values({ workspaceId, kind, secretEncrypted, url })
    .onConflictDoUpdate({ target: [webhookSecrets.workspaceId, webhookSecrets.kind], set: { secretEncrypted, url, createdAt: new Date() } });
}

export async function findWorkspaceSecret(db: Executor, workspaceId: string, kind: SecretKind): Promise<{ secretEncrypted: string; url: string | null } | undefined> {
  const [row] = await db
    .select({ secretEncrypted: webhookSecrets.secretEncrypted, url: webhookSecrets.url })
    .from(webhookSecrets)
    .where(and(eq(webhookSecrets.workspaceId, workspaceId), eq(webhookSecrets.kind, kind)));
  return row;
}

export async function deleteWorkspaceSecret(db: Executor, workspaceId: string, kind: SecretKind) {
  await db.delete(webhookSecrets).where(and(eq(webhookSecrets.workspaceId, workspaceId), eq(webhookSecrets.kind, kind)));
}

/** Where the workspace's outbound webhooks go, or undefined when it has no endpoint. */
export async function outboundEndpointUrl(db: Executor, workspaceId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ url: webhookSecrets.url })
    .from(webhookSecrets)
    .where(and(eq(webhookSecrets.workspaceId, workspaceId), eq(webhookSecrets.kind, 'outbound'), isNotNull(webhookSecrets.url)));
  return row?.url ?? undefined;
}
