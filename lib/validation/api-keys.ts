import { z } from 'zod';
import { API_KEY_ACCESS } from '../domain/api-keys';

/** Settings → API: a new key's name (to recognise it later) and what it may do. */
export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, 'give the key a name, e.g. "CRM sync"').max(80, 'must be at most 80 characters'),
  access: z.enum(API_KEY_ACCESS, { error: 'must be read or read_write' }),
});
export type NewApiKeyInput = z.infer<typeof newApiKeySchema>;

export const revokeApiKeySchema = z.object({ keyId: z.uuid('is not a key of this workspace') });
