'use client';

import { useActionState } from 'react';
import { sendTestWebhookAction } from '@/lib/actions/webhooks';
import { Button } from '@/components/ui/button';

/** "Send test": the endpoint's answer (status code and time, or the error) shows right under the button. */
export function TestSendButton({ workspaceSlug }: { workspaceSlug: string }) {
  const [state, action, pending] = useActionState(sendTestWebhookAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Sending…' : 'Send test'}</Button>
      {state ? (
        <p
          role={state.ok ? 'status' : 'alert'}
          data-testid="test-send-outcome"
          className={`rounded-md px-3 py-2 text-sm ${state.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700'}`}
        >
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
