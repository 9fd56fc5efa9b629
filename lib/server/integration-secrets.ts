import 'server-only';
import type { Database } from '../../db/client';
import { recordIntegrationAudit, type IntegrationKind } from '../../db/queries/integrations';
import { deleteSecret, saveSecret } from './secrets';

// Stripe's and Shopify's signing secrets, pasted by a merchant. Each change is written with its
// audit row in one transaction: there is never a secret change nobody can account for.

export type { IntegrationKind };

export async function saveIntegrationSecret(db: Database, workspaceId: string, actorUserId: string, kind: IntegrationKind, secret: string) {
  await db.transaction(async (tx) => {
    await saveSecret(tx, workspaceId, kind, secret);
    await recordIntegrationAudit(tx, { workspaceId, actorUserId, kind, action: 'secret_saved' });
  });
}

/** Disconnects a provider: its webhooks are refused (404) until a secret is saved again. */
export async function removeIntegrationSecret(db: Database, workspaceId: string, actorUserId: string, kind: IntegrationKind) {
  await db.transaction(async (tx) => {
    await deleteSecret(tx, workspaceId, kind);
    await recordIntegrationAudit(tx, { workspaceId, actorUserId, kind, action: 'secret_removed' });
  });
}
