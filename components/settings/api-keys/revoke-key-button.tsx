'use client';

import { useActionState, useState } from 'react';
import { revokeApiKeyAction } from '@/lib/actions/api-keys';
import { Button } from '@/components/ui/button';

/**
 * Revoke in two steps: the first click only asks, the second revokes. A revoked key cannot be
 * restored (integrations using it fail at once), so one stray click must not do it.
 */
export function RevokeApiKeyButton({ workspaceSlug, keyId, name }: { workspaceSlug: string; keyId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(revokeApiKeyAction.bind(null, workspaceSlug, keyId), null);
  if (!confirming) {
    return (
      <Button type="button" variant="danger" className="px-2.5 py-1 text-xs" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-2 rounded-md bg-red-50 p-2 text-xs text-red-800" data-testid="revoke-confirm">
      <p>Revoke “{name}”? Requests with it are refused at once; this cannot be undone.</p>
      {state && !state.ok ? <p role="alert" className="font-medium">{state.message}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" className="px-2.5 py-1 text-xs" disabled={pending}>Yes, revoke</Button>
        <Button type="button" variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => setConfirming(false)}>Cancel</Button>
      </div>
    </form>
  );
}
