'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { removeIntegrationSecret, saveIntegrationSecret } from '../server/integration-secrets';
import { merchantAction } from './define';

// Merchants paste the secrets Stripe and Shopify sign their webhooks with. Stored encrypted and
// never shown again: the page only says whether one is set. Owners and admins only; the provider
// name arrives bound from the browser and is validated like any other input.

const provider = z.enum(['stripe', 'shopify']);

const secretForm = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stripe'),
    secret: z.string().trim().regex(/^whsec_\S{8,}$/, 'must be the endpoint’s signing secret, which starts with whsec_'),
  }),
  z.object({
    kind: z.literal('shopify'),
    secret: z.string().trim().min(16, 'looks too short for a Shopify secret').max(200).regex(/^\S+$/, 'must not contain spaces'),
  }),
]);

const LABEL = { stripe: 'Stripe', shopify: 'Shopify' } as const;

export const saveIntegrationSecretAction = merchantAction({
  roles: 'manage',
  input: secretForm,
  bound: ['kind'],
  run: async ({ scope, input: { kind, secret }, db }) => {
    await saveIntegrationSecret(db, scope.workspaceId, scope.userId, kind, secret);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/integrations`);
    return { ok: true, message: `${LABEL[kind]} secret saved. Webhooks signed with it are accepted from now on.` };
  },
});

export const removeIntegrationSecretAction = merchantAction({
  roles: 'manage',
  input: z.object({ kind: provider }),
  bound: ['kind'],
  run: async ({ scope, input: { kind }, db }) => {
    await removeIntegrationSecret(db, scope.workspaceId, scope.userId, kind);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/integrations`);
    return { ok: true, message: `${LABEL[kind]} disconnected: its webhooks are refused until a secret is saved again.` };
  },
});
