'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { deleteIntegrationSecret, recordIntegrationAudit } from '../../db/queries/integrations';
import { merchantScopeForAction } from '../auth/guards';
import { saveSecret } from '../server/secrets';
import { ROLE_GROUPS } from '../server/scope';
import { formToObject, toActionError, type ActionResult } from './result';

// Merchants paste the secrets Stripe and Shopify sign their webhooks with. Stored encrypted and
// never shown again: the page only says whether one is set. Each action checks session and tenant
// itself (owners and admins), and the provider name, which arrives bound from the browser, is
// validated like any other input.

const provider = z.enum(['stripe', 'shopify']);

const secretForms = {
  stripe: z.object({
    secret: z.string().trim().regex(/^whsec_\S{8,}$/, 'must be the endpoint’s signing secret, which starts with whsec_'),
  }),
  shopify: z.object({
    secret: z.string().trim().min(16, 'looks too short for a Shopify secret').max(200).regex(/^\S+$/, 'must not contain spaces'),
  }),
};

const LABEL = { stripe: 'Stripe', shopify: 'Shopify' } as const;

export async function saveIntegrationSecretAction(workspaceSlug: string, kind: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.manage);
    const which = provider.parse(kind);
    const { secret } = secretForms[which].parse(formToObject(form));
    await getDb().transaction(async (tx) => {
      await saveSecret(tx, scope.workspaceId, which, secret);
      await recordIntegrationAudit(tx, { workspaceId: scope.workspaceId, actorUserId: scope.userId, kind: which, action: 'secret_saved' });
    });
    revalidatePath(`/m/${scope.workspaceSlug}/settings/integrations`);
    return { ok: true, message: `${LABEL[which]} secret saved. Webhooks signed with it are accepted from now on.` };
  } catch (err) {
    return toActionError(err);
  }
}

export async function removeIntegrationSecretAction(workspaceSlug: string, kind: string): Promise<ActionResult> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.manage);
    const which = provider.parse(kind);
    await getDb().transaction(async (tx) => {
      await deleteIntegrationSecret(tx, scope.workspaceId, which);
      await recordIntegrationAudit(tx, { workspaceId: scope.workspaceId, actorUserId: scope.userId, kind: which, action: 'secret_removed' });
    });
    revalidatePath(`/m/${scope.workspaceSlug}/settings/integrations`);
    return { ok: true, message: `${LABEL[which]} disconnected: its webhooks are refused until a secret is saved again.` };
  } catch (err) {
    return toActionError(err);
  }
}
