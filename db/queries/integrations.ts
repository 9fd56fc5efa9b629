import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { webhookSecrets } from '../schema';

export type IntegrationKind = 'stripe' | 'shopify';

/** Which payment integrations a workspace has a secret for, and since when (never the secret). */
export async function integrationSecrets(db: Executor, workspaceId: string) {
  return db
    .select({ kind: webhookSecrets.kind, createdAt: webhookSecrets.createdAt })
    .from(webhookSecrets)
    .where(and(eq(webhookSecrets.workspaceId, workspaceId), inArray(webhookSecrets.kind, ['stripe', 'shopify'])));
}
