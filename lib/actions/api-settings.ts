'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { merchantScopeForAction } from '../auth/guards';
import { loadSecret, newSigningSecret, saveSecret } from '../server/secrets';
import { ROLE_GROUPS } from '../server/scope';
import { env } from '../env';
import { formToObject, toActionError, type ActionResult } from './result';

/** Creates or rotates the secret storefronts sign events with; shown once, stored encrypted. */
// useActionState passes the previous state first; this action does not need it
export async function rotateEventsSecretAction(workspaceSlug: string): Promise<ActionResult<{ secret: string }>> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.manage);
    const secret = newSigningSecret();
    await saveSecret(getDb(), scope.workspaceId, 'events', secret);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/api`);
    return { ok: true, data: { secret }, message: 'New events secret created. Copy it now: it is not shown again, and the old one stops working.' };
  } catch (err) {
    return toActionError(err);
  }
}

const endpointForm = z.object({
  url: z
    .string()
    .trim()
    .url('must be a full URL such as https://example.com/webhooks')
    .refine((u) => u.startsWith('https://') || env().NODE_ENV !== 'production' || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test(u), 'must use https'),
});

/** Sets where outbound webhooks go; the first time (or on request) it also creates their secret. */
export async function saveWebhookEndpointAction(workspaceSlug: string, _prev: ActionResult<{ secret: string }> | null, form: FormData): Promise<ActionResult<{ secret: string }>> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.manage);
    const { url } = endpointForm.parse(formToObject(form));
    const db = getDb();
    const existing = await loadSecret(db, scope.workspaceId, 'outbound');
    const rotate = form.get('rotate') === 'on' || !existing;
    const secret = rotate ? newSigningSecret() : existing!.secret;
    await saveSecret(db, scope.workspaceId, 'outbound', secret, url);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/api`);
    return rotate
      ? { ok: true, data: { secret }, message: 'Endpoint saved with a new signing secret. Copy it now: it is not shown again.' }
      : { ok: true, message: 'Endpoint saved; the signing secret is unchanged.' };
  } catch (err) {
    return toActionError(err);
  }
}
