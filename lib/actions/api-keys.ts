'use server';

import { revalidatePath } from 'next/cache';
import { createApiKey, revokeApiKey } from '../server/api-keys';
import { newApiKeySchema, revokeApiKeySchema } from '../validation/api-keys';
import { merchantAction } from './define';

// Settings → API keys, for owners and admins. The new key travels back in this action's answer
// only: the page never reads it again (only its hash is stored), so the form shows it once.

export const createApiKeyAction = merchantAction({
  roles: 'manage',
  input: newApiKeySchema,
  run: async ({ scope, input, db }) => {
    const made = await createApiKey(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/api`);
    return {
      ok: true,
      data: { id: made.id, key: made.key, prefix: made.prefix },
      message: `API key “${input.name}” created. Copy it now: it is not shown again.`,
    };
  },
});

/** Revokes at once: the key's next request is a 401. The key id is bound by the row's button. */
export const revokeApiKeyAction = merchantAction({
  roles: 'manage',
  input: revokeApiKeySchema,
  bound: ['keyId'],
  run: async ({ scope, input, db }) => {
    await revokeApiKey(db, scope, input.keyId);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/api`);
    return { ok: true, message: 'Key revoked: requests with it are refused from now on.' };
  },
});
