'use client';

import { setTimeZoneAction } from '@/lib/actions/time-zone';
import { ActionForm } from '../forms/action-form';
import { SelectField } from '../ui/field';

/**
 * Settings → Workspace: the zone console pages show dates in. The names come from the server, whose
 * runtime validates them (a browser's list of zones may differ).
 */
export function TimeZoneForm({ workspaceSlug, timeZone, zones }: { workspaceSlug: string; timeZone: string; zones: string[] }) {
  const options = (zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
  return (
    <ActionForm action={setTimeZoneAction.bind(null, workspaceSlug)} submitLabel="Save time zone" pendingLabel="Saving…">
      {(f) => <SelectField label="Time zone" name="timeZone" options={options} defaultValue={timeZone} error={f.timeZone} />}
    </ActionForm>
  );
}
