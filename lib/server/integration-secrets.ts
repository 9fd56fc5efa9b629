import 'server-only';
import type { Database, Executor } from '../../db/client';
import type { IntegrationKind } from '../../db/queries/integrations';
import { findWorkspaceSecret } from '../../db/queries/secrets';
import { recordAudit } from '../../db/queries/audit';
import { deleteSecret, saveSecret } from './secrets';

// Stripe's and Shopify's signing secrets, pasted by a merchant. Each change is written with its
// audit row in one transaction: there is never a secret change nobody can account for. The row
// says whether a secret was set before and after, never the secret.

export type { IntegrationKind };

const configured = async (tx: Executor, workspaceId: string, kind: IntegrationKind) => ({ configured: Boolean(await findWorkspaceSecret(tx, workspaceId, kind)) });

export async function saveIntegrationSecret(db: Database, workspaceId: string, actorUserId: string | null, kind: IntegrationKind, secret: string) {
  await db.transaction(async (tx) => {
    const before = await configured(tx, workspaceId, kind);
    await saveSecret(tx, workspaceId, kind, secret);
    await recordAudit(tx, { workspaceId, actorUserId, action: 'integration.secret_saved', subjectType: 'integration', subjectId: kind, before, after: { configured: true } });
  });
}

/** Disconnects a provider: its webhooks are refused (404) until a secret is saved again. */
export async function removeIntegrationSecret(db: Database, workspaceId: string, actorUserId: string | null, kind: IntegrationKind) {
  await db.transaction(async (tx) => {
    const before = await configured(tx, workspaceId, kind);
    if (!before.configured) return; // nothing to disconnect: nothing changed, nothing to record
    await deleteSecret(tx, workspaceId, kind);
    await recordAudit(tx, { workspaceId, actorUserId, action: 'integration.secret_removed', subjectType: 'integration', subjectId: kind, before, after: { configured: false } });
  });
}
