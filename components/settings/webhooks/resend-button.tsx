'use client';

import { useActionState } from 'react';
import { resendWebhookDeliveryAction } from '@/lib/actions/webhooks';

/** One row's "Re-send": queues a copy; the new row appears at the top of the log. */
export function ResendButton({ workspaceSlug, deliveryId, topic }: { workspaceSlug: string; deliveryId: string; topic: string }) {
  const [state, action, pending] = useActionState(resendWebhookDeliveryAction.bind(null, workspaceSlug, deliveryId), null);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <button disabled={pending} aria-label={`Re-send ${topic}`} className="text-xs font-medium text-brand-700 hover:underline disabled:opacity-50">
        Re-send
      </button>
      {state ? <span role={state.ok ? 'status' : 'alert'} className={`text-xs ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>{state.ok ? 'Queued' : state.message}</span> : null}
    </form>
  );
}
