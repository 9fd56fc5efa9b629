'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { setAllowedDomains } from '../../db/queries/workspaces';
import { merchantScopeForAction } from '../auth/guards';
import { ROLE_GROUPS } from '../server/scope';
import { formToObject, toActionError, type ActionResult } from './result';

// A host name (optionally with a port for local development); subdomains are allowed by the rule.
const host = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/, 'is not a host name such as shop.example.com');

const domainsForm = z.object({
  domains: z
    .string()
    .max(2000)
    .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
    .pipe(z.array(host).max(50, 'at most 50 domains')),
});

/** Tracked links may only send visitors to these hosts (and their subdomains): no open redirects. */
export async function saveAllowedDomainsAction(workspaceSlug: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await merchantScopeForAction(workspaceSlug, ROLE_GROUPS.manage);
    const { domains } = domainsForm.parse(formToObject(form));
    await setAllowedDomains(getDb(), scope.workspaceId, domains);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/tracking`);
    return { ok: true, message: domains.length ? `Links may point to ${domains.join(', ')}.` : 'No domains allowed: partners cannot create links until you add one.' };
  } catch (err) {
    return toActionError(err);
  }
}
