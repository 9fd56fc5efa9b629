import 'server-only';
import { getDb, type Database } from '../../db/client';
import { findWorkspaceBySlug } from '../../db/queries/workspaces';
import { AppError } from '../errors';
import { readBodyLimited } from '../http/respond';
import type { IngestOutcome } from '../server/rewards/ingest-event';
import { loadSecret } from '../server/secrets';

// The part every provider webhook route shares: body, workspace, the merchant's secret, and the
// answer. Providers retry anything but a 2xx, so an answer that changes nothing (a duplicate, an
// event we do not use) is still a 200.

const MAX_BODY_BYTES = 1024 * 1024;

const PROVIDER = { stripe: 'Stripe', shopify: 'Shopify' } as const;

export interface WebhookContext {
  db: Database;
  workspaceId: string;
  rawBody: string;
  secret: string;
}

/** Size first (413), then the workspace (404), then its secret for this provider (404 naming the fix). */
export async function openWebhook(request: Request, workspaceSlug: string, provider: keyof typeof PROVIDER): Promise<WebhookContext> {
  const rawBody = await readBodyLimited(request, MAX_BODY_BYTES);
  const db = getDb();
  const workspace = await findWorkspaceBySlug(db, workspaceSlug);
  if (!workspace) throw new AppError('not_found', `No workspace "${workspaceSlug}".`);
  const secret = await loadSecret(db, workspace.id, provider);
  if (!secret) {
    throw new AppError('not_found', `${PROVIDER[provider]} is not connected to workspace "${workspaceSlug}": paste its webhook signing secret in Settings → Integrations.`);
  }
  return { db, workspaceId: workspace.id, rawBody, secret: secret.secret };
}

/** The service's first answer (also to every repeat), or a note that the event changes nothing. */
export function webhookReply(outcome: IngestOutcome | { ignored: true; reason: string }): Response {
  if ('ignored' in outcome) return Response.json({ ignored: true, reason: outcome.reason }, { status: 200 });
  return Response.json(outcome.result, { status: 200, headers: outcome.duplicate ? { 'Idempotent-Replayed': 'true' } : {} });
}
