'use client';

import { useState } from 'react';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { registerDealAction } from '@/lib/actions/deals';
import type { ActionResult } from '@/lib/actions/result';
import { DEAL_MATCH_TYPES, type DealMatchType } from '@/lib/domain/deals';

export interface DealProgramOption {
  enrollmentId: string;
  label: string;
}

const matchFields: Record<DealMatchType, { option: string; label: string; placeholder: string; hint: string; type: string }> = {
  email: { option: 'Email address', label: 'Prospect email', placeholder: 'jane@bigco.com', hint: 'Orders by this email credit you.', type: 'email' },
  email_domain: { option: 'Email domain', label: 'Email domain', placeholder: 'bigco.com', hint: 'Orders by anyone with an email at this domain credit you.', type: 'text' },
  customer: { option: 'Customer id', label: 'Customer id', placeholder: 'the id the merchant’s store uses', hint: 'The customer’s id in the merchant’s store, exactly.', type: 'text' },
};

export function RegisterDealForm({ programs }: { programs: DealProgramOption[] }) {
  const empty = { enrollmentId: programs[0]?.enrollmentId ?? '', matchType: 'email' as DealMatchType, matchValue: '', prospectName: '', notes: '', expiresDays: '90' };
  const [values, setValues] = useState(empty);
  const set = (patch: Partial<typeof empty>) => setValues((v) => ({ ...v, ...patch }));
  // the form keeps what was typed when the action refuses it; a registered deal clears it (program stays)
  const action = async (prev: ActionResult | null, form: FormData) => {
    const result = await registerDealAction(prev, form);
    if (result.ok) setValues((v) => ({ ...empty, enrollmentId: v.enrollmentId }));
    return result;
  };
  const match = matchFields[values.matchType];
  return (
    <ActionForm action={action} submitLabel="Register deal" pendingLabel="Registering…" className="flex flex-col gap-3 md:items-start">
      {(f) => (
        <div className="grid w-full grid-cols-1 gap-3 md:grid-cols-3">
          <SelectField
            label="Program"
            name="enrollmentId"
            value={values.enrollmentId}
            onChange={(e) => set({ enrollmentId: e.target.value })}
            error={f.enrollmentId}
            options={programs.map((p) => ({ value: p.enrollmentId, label: p.label }))}
          />
          <Field
            label="Prospect name"
            name="prospectName"
            value={values.prospectName}
            onChange={(e) => set({ prospectName: e.target.value })}
            placeholder="BigCo Inc."
            maxLength={200}
            error={f.prospectName}
          />
          <SelectField
            label="Identify the prospect by"
            name="matchType"
            value={values.matchType}
            onChange={(e) => set({ matchType: e.target.value as DealMatchType })}
            error={f.matchType}
            options={DEAL_MATCH_TYPES.map((value) => ({ value, label: matchFields[value].option }))}
          />
          <Field
            label={match.label}
            name="matchValue"
            type={match.type}
            value={values.matchValue}
            onChange={(e) => set({ matchValue: e.target.value })}
            placeholder={match.placeholder}
            hint={match.hint}
            error={f.matchValue}
          />
          <Field
            label="Expires after (days)"
            name="expiresDays"
            type="number"
            min={1}
            max={365}
            step={1}
            value={values.expiresDays}
            onChange={(e) => set({ expiresDays: e.target.value })}
            hint="1 to 365 days; 90 if left empty."
            error={f.expiresDays}
          />
          <Field
            label="Notes (optional)"
            name="notes"
            value={values.notes}
            onChange={(e) => set({ notes: e.target.value })}
            placeholder="What you are working on with them"
            maxLength={2000}
            error={f.notes}
          />
        </div>
      )}
    </ActionForm>
  );
}
