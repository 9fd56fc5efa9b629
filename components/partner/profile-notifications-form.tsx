'use client';

import { ActionForm } from '../forms/action-form';
import { saveNotificationPrefsAction } from '@/lib/actions/partner-profile';

export interface NotificationChoice {
  /** the checkbox's field name (`notify_<kind>`) */
  field: string;
  label: string;
  hint: string;
  on: boolean;
}

/** One checkbox per notification email, for one merchant; unticked kinds are not sent. */
export function ProfileNotificationsForm({ partnerId, email, choices }: { partnerId: string; email: string; choices: NotificationChoice[] }) {
  return (
    <ActionForm action={saveNotificationPrefsAction} submitLabel="Save email preferences" pendingLabel="Saving…" className="flex flex-col gap-4 md:items-start">
      {() => (
        <fieldset className="flex w-full flex-col gap-3">
          <legend className="mb-2 text-sm text-slate-600">
            Emails go to <span className="break-all font-medium text-slate-900">{email}</span>. Email me when:
          </legend>
          <input type="hidden" name="partnerId" value={partnerId} />
          {choices.map((c) => (
            <label key={c.field} className="flex items-start gap-3 text-sm">
              <input type="checkbox" name={c.field} defaultChecked={c.on} className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300" />
              <span className="min-w-0">
                <span className="font-medium text-slate-800">{c.label}</span>
                <span className="block text-xs text-slate-500">{c.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </ActionForm>
  );
}
