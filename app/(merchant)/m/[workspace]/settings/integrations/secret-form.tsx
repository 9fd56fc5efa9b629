'use client';

import { useActionState } from 'react';
import { removeIntegrationSecretAction, saveIntegrationSecretAction } from '@/lib/actions/integrations';
import type { ActionResult } from '@/lib/actions/result';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

function Notice({ state }: { state: ActionResult | null }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">{state.message}</p>
  ) : (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.message}</p>
  );
}

/** Paste (or replace) a provider's signing secret; the field never shows the stored value. */
export function IntegrationSecretForm({
  workspaceSlug, kind, isSet, label, placeholder, hint,
}: { workspaceSlug: string; kind: 'stripe' | 'shopify'; isSet: boolean; label: string; placeholder: string; hint: string }) {
  const [state, action, pending] = useActionState(saveIntegrationSecretAction.bind(null, workspaceSlug, kind), null);
  const [removed, remove, removing] = useActionState<ActionResult | null>(removeIntegrationSecretAction.bind(null, workspaceSlug, kind), null);
  return (
    <div className="flex flex-col gap-3">
      <form action={action} className="flex flex-col gap-3" noValidate>
        <Notice state={state} />
        <Field
          label={isSet ? `Replace the ${label}` : label}
          name="secret"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          hint={hint}
          error={state && !state.ok ? state.fields?.secret : undefined}
        />
        <Button type="submit" disabled={pending}>{pending ? 'Saving…' : isSet ? 'Replace secret' : 'Save secret'}</Button>
      </form>
      {isSet ? (
        <form action={remove} className="flex flex-col gap-2">
          <Notice state={removed} />
          <Button type="submit" variant="danger" disabled={removing}>Disconnect</Button>
        </form>
      ) : null}
    </div>
  );
}
