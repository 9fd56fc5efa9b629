'use client';

import { useActionState } from 'react';
import { saveEventsPerMinuteAction } from '@/lib/actions/api-settings';
import { Button } from '../ui/button';
import { Field } from '../ui/field';

/** Settings → API: the events API's per-minute limit (owners and admins). */
export function EventsLimitForm({ workspaceSlug, perMinute, min, max }: { workspaceSlug: string; perMinute: number; min: number; max: number }) {
  const [state, action, pending] = useActionState(saveEventsPerMinuteAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex flex-col gap-3">
      {state ? (
        <p role={state.ok ? 'status' : 'alert'} className={`rounded-md px-3 py-2 text-sm ${state.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700'}`}>
          {state.message}
        </p>
      ) : null}
      <Field
        label="Events per minute"
        name="eventsPerMinute"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required
        defaultValue={perMinute}
        hint={`From ${min} to ${max.toLocaleString('en-US')}. Beyond it the API answers 429 with Retry-After; only correctly signed requests count.`}
        error={state && !state.ok ? state.fields?.eventsPerMinute : undefined}
      />
      <Button type="submit" variant="secondary" disabled={pending}>Save the limit</Button>
    </form>
  );
}
