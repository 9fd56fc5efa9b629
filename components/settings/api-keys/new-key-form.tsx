'use client';

import { useActionState } from 'react';
import { createApiKeyAction } from '@/lib/actions/api-keys';
import { CopyButton } from '@/components/links/copy-button';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';

const ACCESS_OPTIONS = [
  { value: 'read', label: 'Read only: every GET' },
  { value: 'read_write', label: 'Read and write: GET and POST' },
];

/**
 * Creates a key. The key comes back in the action's answer and lives only in this component's
 * state: after a reload it is gone for good (the server keeps its SHA-256), hence the warning.
 */
export function NewApiKeyForm({ workspaceSlug }: { workspaceSlug: string }) {
  const [state, action, pending] = useActionState(createApiKeyAction.bind(null, workspaceSlug), null);
  const made = state?.ok ? state.data : undefined;
  return (
    <form action={action} className="flex flex-col gap-3" data-testid="new-api-key-form">
      {state && !state.ok ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.message}</p> : null}
      {made ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-3 text-sm text-amber-900">
          <p className="font-medium">{state?.message}</p>
          <p className="mt-1 text-xs">Store it in your integration’s secret store. Anyone holding it can call the API for this workspace; revoke it here if it leaks.</p>
          <div className="mt-2 flex min-w-0 items-start gap-2">
            <code data-testid="new-api-key" className="block min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-amber-200">
              {made.key}
            </code>
            <CopyButton text={made.key} label="Copy key" />
          </div>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_auto]">
        <Field
          label="Name"
          name="name"
          maxLength={80}
          required
          placeholder="CRM sync"
          hint="To recognise the key later, in this list and in the audit log."
          error={state && !state.ok ? state.fields?.name : undefined}
        />
        <SelectField label="Access" name="access" defaultValue="read" options={ACCESS_OPTIONS} error={state && !state.ok ? state.fields?.access : undefined} />
      </div>
      <Button type="submit" disabled={pending} className="self-start">Create API key</Button>
    </form>
  );
}
