'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { reenableWebhookEndpoint } from '../server/webhooks/endpoint-health';
import { resendWebhookDelivery } from '../server/webhooks/resend';
import { sendTestWebhook } from '../server/webhooks/test-send';
import { merchantAction } from './define';

// Settings → Webhooks' buttons. Owners and admins only, like the endpoint itself: a test-send and
// a re-send make our server call the merchant's, and re-enabling resumes sending payout data.

const page = (slug: string) => `/m/${slug}/settings/webhooks`;

export interface TestSendResult {
  statusCode: number | null;
  error: string | null;
  ms: number;
}

/** Sends a signed `webhook.test` now and says how the endpoint answered; the log keeps it too. */
export const sendTestWebhookAction = merchantAction<z.ZodObject, TestSendResult>({
  roles: 'manage',
  input: z.object({}),
  run: async ({ scope, db }) => {
    const sent = await sendTestWebhook(db, scope);
    revalidatePath(page(scope.workspaceSlug));
    const data = { statusCode: sent.statusCode, error: sent.error, ms: sent.ms };
    return sent.ok
      ? { ok: true, data, message: `Test delivered: your endpoint answered HTTP ${sent.statusCode} in ${sent.ms} ms.` }
      : { ok: false, message: `Test failed: ${sent.error}.` };
  },
});

/** Turns a disabled endpoint back on: the failure count restarts and queued deliveries go out. */
export const reenableWebhookEndpointAction = merchantAction({
  roles: 'manage',
  input: z.object({}),
  run: async ({ scope, db }) => {
    const { changed } = await reenableWebhookEndpoint(db, scope.workspaceId, scope.userId);
    revalidatePath(page(scope.workspaceSlug));
    return { ok: true, message: changed ? 'Endpoint re-enabled: queued deliveries are sent with the next run.' : 'The endpoint is already enabled.' };
  },
});

/** Queues one delivery of the log again, as a new delivery pointing at the original. */
export const resendWebhookDeliveryAction = merchantAction({
  roles: 'manage',
  input: z.object({ deliveryId: z.uuid('not a delivery id') }),
  bound: ['deliveryId'],
  run: async ({ scope, input, db }) => {
    await resendWebhookDelivery(db, scope.workspaceId, scope.userId, input.deliveryId);
    revalidatePath(page(scope.workspaceSlug));
    return { ok: true, message: 'Queued again: it is sent with the next delivery run.' };
  },
});
