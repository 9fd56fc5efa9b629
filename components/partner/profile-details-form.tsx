'use client';

import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { savePartnerProfileAction } from '@/lib/actions/partner-profile';

export interface ProfileDetails {
  name: string;
  email: string;
  company: string | null;
  website: string | null;
  taxCountry: string | null;
}

/**
 * Who the partner is, for one merchant: name, company, website and tax country. The email is the
 * merchant's record of the partner and the address emails go to; it is shown, not edited here.
 */
export function ProfileDetailsForm({
  partnerId,
  profile,
  countries,
}: {
  partnerId: string;
  profile: ProfileDetails;
  countries: { value: string; label: string }[];
}) {
  const id = (name: string) => `profile-${name}`;
  return (
    <ActionForm action={savePartnerProfileAction} submitLabel="Save profile" pendingLabel="Saving…" className="flex flex-col gap-4 md:items-start">
      {(f) => (
        <div className="grid w-full grid-cols-1 gap-3 md:grid-cols-2">
          <input type="hidden" name="partnerId" value={partnerId} />
          <div className="flex flex-col gap-1 md:col-span-2">
            <span className="text-sm font-medium text-slate-700">Email</span>
            <p className="break-all text-sm text-slate-900" data-testid="profile-email">{profile.email}</p>
            <p className="text-xs text-slate-500">Where this merchant’s emails go. To use another address, ask the merchant.</p>
          </div>
          <Field id={id('name')} label="Name" name="name" defaultValue={profile.name} error={f.name} autoComplete="name" required maxLength={120} />
          <Field id={id('company')} label="Company (optional)" name="company" defaultValue={profile.company ?? ''} error={f.company} autoComplete="organization" maxLength={120} />
          <Field
            id={id('website')}
            label="Website (optional)"
            name="website"
            type="url"
            inputMode="url"
            placeholder="https://example.com"
            defaultValue={profile.website ?? ''}
            error={f.website}
            hint="An https:// address; “example.com” becomes https://example.com."
            maxLength={300}
          />
          <SelectField
            id={id('taxCountry')}
            label="Tax country (optional)"
            name="taxCountry"
            defaultValue={profile.taxCountry ?? ''}
            error={f.taxCountry}
            options={[{ value: '', label: 'Not set' }, ...countries]}
          />
          {f.partnerId ? <p className="text-xs text-red-600 md:col-span-2">{f.partnerId}</p> : null}
        </div>
      )}
    </ActionForm>
  );
}
