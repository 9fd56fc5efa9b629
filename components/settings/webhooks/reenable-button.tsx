'use client';

import { useActionState } from 'react';
import { reenableWebhookEndpointAction } from '@/lib/actions/webhooks';
import { Button } from '@/components/ui/button';

export function ReenableButton({ workspaceSlug }: { workspaceSlug: string }) {
  const [state, action, pending] = useActionState(reenableWebhookEndpointAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <Button type="submit" disabled={pending}>Re-enable</Button>
      {state ? <p role={state.ok ? 'status' : 'alert'} className={`text-sm ${state.ok ? 'text-emerald-800' : 'text-red-700'}`}>{state.message}</p> : null}
    </form>
  );
}
