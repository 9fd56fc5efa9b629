'use client';

import { useActionState } from 'react';
import { rotateEventsSecretAction, saveWebhookEndpointAction } from '@/lib/actions/api-settings';
import type { ActionResult } from '@/lib/actions/result';
import { Button } from '../ui/button';
import { Field } from '../ui/field';

function Revealed({ state }: { state: ActionResult<{ secret: string }> | null }) {
  if (!state) return null;
  if (!state.ok) return <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.message}</p>;
  return (
    <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      <p>{state.message}</p>
      {state.data?.secret ? <code data-testid="revealed-secret" className="mt-1 block break-all rounded bg-white px-2 py-1 text-xs text-slate-900">{state.data.secret}</code> : null}
    </div>
  );
}

export function EventsSecretForm({ workspaceSlug, hasSecret }: { workspaceSlug: string; hasSecret: boolean }) {
  const [state, action, pending] = useActionState(rotateEventsSecretAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex flex-col gap-3">
      <Revealed state={state} />
      <Button type="submit" variant={hasSecret ? 'secondary' : 'primary'} disabled={pending}>
        {hasSecret ? 'Rotate the events secret' : 'Create the events secret'}
      </Button>
    </form>
  );
}

export function WebhookEndpointForm({ workspaceSlug, url }: { workspaceSlug: string; url: string | null }) {
  const [state, action, pending] = useActionState(saveWebhookEndpointAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex flex-col gap-3">
      <Revealed state={state} />
      <Field label="Endpoint URL" name="url" defaultValue={url ?? ''} placeholder="https://example.com/partnerledger/webhooks" error={state && !state.ok ? state.fields?.url : undefined} />
      {url ? (
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" name="rotate" /> Also rotate the signing secret
        </label>
      ) : null}
      <Button type="submit" disabled={pending}>Save endpoint</Button>
    </form>
  );
}
