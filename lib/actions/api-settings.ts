'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { EVENTS_PER_MINUTE, rotateEventsSecret, saveEventsPerMinute, saveWebhookEndpoint } from '../server/api-settings';
import { merchantAction } from './define';

/** Creates or rotates the secret storefronts sign events with; shown once, stored encrypted. */
export const rotateEventsSecretAction = merchantAction({
  roles: 'manage',
  input: z.object({}),
  run: async ({ scope, db }) => {
    const { secret } = await rotateEventsSecret(db, scope.workspaceId, scope.userId);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/api`);
    return { ok: true, data: { secret }, message: 'New events secret created. Copy it now: it is not shown again, and the old one stops working.' };
  },
});

const endpointForm = z.object({
  url: z
    .string()
    .trim()
    .url('must be a full URL such as https://example.com/webhooks'),
  // the form's checkbox: present ("on") only when ticked
  rotate: z.string().optional().transform((v) => v === 'on'),
});

/** Sets where outbound webhooks go; the first time (or on request) it also creates their secret. */
export const saveWebhookEndpointAction = merchantAction({
  roles: 'manage',
  input: endpointForm,
  run: async ({ scope, input, db }) => {
    const { newSecret } = await saveWebhookEndpoint(db, scope.workspaceId, scope.userId, input);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/webhooks`);
    return newSecret
      ? { ok: true, data: { secret: newSecret }, message: 'Endpoint saved with a new signing secret. Copy it now: it is not shown again.' }
      : { ok: true, message: 'Endpoint saved; the signing secret is unchanged.' };
  },
});

const { min, max } = EVENTS_PER_MINUTE;
const eventsLimitForm = z.object({
  eventsPerMinute: z
    .string()
    .trim()
    // thousands separators as people type them ("6,000", "6 000")
    .transform((s) => s.replace(/[,\s_]/g, ''))
    .pipe(z.string().regex(/^\d{1,9}$/, 'must be a whole number'))
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max.toLocaleString('en-US')}`)),
});

/** How many signed events a minute the workspace accepts before answering 429 (with Retry-After). */
export const saveEventsPerMinuteAction = merchantAction({
  roles: 'manage',
  input: eventsLimitForm,
  run: async ({ scope, input, db }) => {
    await saveEventsPerMinute(db, scope.workspaceId, scope.userId, input.eventsPerMinute);
    revalidatePath(`/m/${scope.workspaceSlug}/settings/api`);
    return { ok: true, message: `The events API now accepts up to ${input.eventsPerMinute.toLocaleString('en-US')} events a minute.` };
  },
});
