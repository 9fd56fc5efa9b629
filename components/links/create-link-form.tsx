'use client';

import { useState } from 'react';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { createPartnerLinkAction } from '@/lib/actions/links';
import type { ActionResult } from '@/lib/actions/result';

export interface LinkProgramOption {
  enrollmentId: string;
  label: string;
  allowedDomains: string[];
}

const empty = { destinationUrl: '', code: '', subId: '' };
type Values = typeof empty;

const typed = (form: FormData): Values => ({
  destinationUrl: String(form.get('destinationUrl') ?? ''),
  code: String(form.get('code') ?? ''),
  subId: String(form.get('subId') ?? ''),
});

export function CreateLinkForm({ programs }: { programs: LinkProgramOption[] }) {
  const [enrollmentId, setEnrollmentId] = useState(programs[0]?.enrollmentId ?? '');
  const [values, setValues] = useState(empty);
  const [answers, setAnswers] = useState(0);
  const domains = programs.find((p) => p.enrollmentId === enrollmentId)?.allowedDomains ?? [];
  // keep what was typed when the link is refused, clear it once created
  const action = async (prev: ActionResult | null, form: FormData) => {
    const result = await createPartnerLinkAction(prev, form);
    setValues(result.ok ? empty : typed(form));
    setAnswers((n) => n + 1); // remounts the select, which would otherwise fall back to its first option
    return result;
  };
  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });
  return (
    <ActionForm action={action} submitLabel="Create link" pendingLabel="Creating…" className="flex flex-col gap-3 md:items-start">
      {(f) => (
        <div className="grid w-full grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-4">
          <SelectField
            key={answers}
            label="Program"
            name="enrollmentId"
            defaultValue={enrollmentId}
            onChange={(e) => setEnrollmentId(e.target.value)}
            error={f.enrollmentId}
            options={programs.map((p) => ({ value: p.enrollmentId, label: p.label }))}
          />
          <Field
            label="Destination URL"
            name="destinationUrl"
            type="url"
            value={values.destinationUrl}
            onChange={set('destinationUrl')}
            placeholder={`https://${domains[0] ?? 'shop.example.com'}/`}
            error={f.destinationUrl}
            hint={domains.length ? `Allowed: ${domains.join(', ')} and their subdomains.` : 'The merchant has not allowed any destination yet.'}
          />
          <Field
            label="Sub-id (optional)"
            name="subId"
            value={values.subId}
            onChange={set('subId')}
            placeholder="e.g. newsletter-dec"
            maxLength={64}
            error={f.subId}
            hint="Your own campaign label: letters, digits, - _ . (up to 64). Stats group by it."
          />
          <Field
            label="Code (optional)"
            name="code"
            value={values.code}
            onChange={set('code')}
            placeholder="leave empty for a generated one"
            error={f.code}
            hint="Letters, digits and dashes; it appears in the link."
          />
        </div>
      )}
    </ActionForm>
  );
}
