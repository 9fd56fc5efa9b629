'use client';

import { startTransition, useActionState, type FormEvent, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/actions/result';
import { Button } from '../ui/button';

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/**
 * A form bound to a server action: shows the action's message and hands field errors to its
 * children, keeping what the person typed when the action refuses it.
 */
export function ActionForm({
  action,
  submitLabel,
  pendingLabel,
  children,
  className = 'flex flex-col gap-4',
}: {
  action: Action;
  submitLabel: string;
  pendingLabel?: string;
  children: (fields: Record<string, string>) => ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  // Submitting through a transition instead of the action prop: React resets a form after an
  // action-prop submission, which would wipe what the person typed when the action refuses it.
  // The action prop stays for submissions before hydration (React skips it once we prevent default).
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };
  return (
    <form action={formAction} onSubmit={submit} className={className} noValidate>
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      {state?.ok && state.message ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">
          {state.message}
        </p>
      ) : null}
      {children(fields)}
      <Button type="submit" disabled={pending}>
        {pending ? (pendingLabel ?? 'Working…') : submitLabel}
      </Button>
    </form>
  );
}
