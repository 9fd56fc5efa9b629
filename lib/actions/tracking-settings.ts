'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { saveAllowedDomains } from '../server/tracking-settings';
import { merchantAction } from './define';

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
    // lower-cased before de-duplicating, so Shop.example and shop.example are one entry
    .transform((s) => [...new Set(s.toLowerCase().split(/[\s,]+/).filter(Boolean))])
    .pipe(z.array(host).max(50, 'at most 50 domains')),
});

/** Tracked links may only send visitors to these hosts (and their subdomains): no open redirects. */
export const saveAllowedDomainsAction = merchantAction({
  roles: 'manage',
  input: domainsForm,
  run: async ({ scope, input: { domains }, db }) => {
    const { linksNowBlocked } = await saveAllowedDomains(db, scope.workspaceId, domains, scope.userId);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/tracking`);
    const saved = domains.length ? `Links may point to ${domains.join(', ')}.` : 'No domains allowed: partners cannot create links until you add one.';
    const blocked = linksNowBlocked === 1 ? ' 1 active link now points elsewhere and shows "link not available": see the list below.'
      : linksNowBlocked > 1 ? ` ${linksNowBlocked} active links now point elsewhere and show "link not available": see the list below.` : '';
    return { ok: true, message: saved + blocked };
  },
});
