'use client';

import { useState } from 'react';
import { ActionForm } from '../forms/action-form';
import { SelectField } from '../ui/field';
import { bindCustomerAction } from '@/lib/actions/bindings';

export interface BindingChoice {
  programId: string;
  programName: string;
  partners: { id: string; name: string }[];
}

/**
 * Manual attribution: pick a program, then one of its approved partners, and say why. The partner
 * list follows the program; the server checks the pair again (and the tenant and role).
 */
export function BindCustomerForm({
  workspaceSlug, customerId, choices, boundProgramIds,
}: {
  workspaceSlug: string;
  customerId: string;
  choices: BindingChoice[];
  /** programs the customer is already bound in: the button then says "change" */
  boundProgramIds: string[];
}) {
  const [programId, setProgramId] = useState(choices[0]?.programId ?? '');
  const partners = choices.find((c) => c.programId === programId)?.partners ?? [];
  const [partnerId, setPartnerId] = useState(partners[0]?.id ?? '');
  if (choices.length === 0) {
    return <p className="text-sm text-slate-500">No active program has an approved partner yet, so there is nobody to bind this customer to.</p>;
  }
  const changing = boundProgramIds.includes(programId);
  return (
    <ActionForm
      action={bindCustomerAction.bind(null, workspaceSlug, customerId)}
      submitLabel={changing ? 'Change the binding' : 'Bind by hand'}
      pendingLabel="Binding…"
      className="flex flex-col gap-3"
    >
      {(f) => (
        <>
          <SelectField
            label="Program"
            name="programId"
            value={programId}
            error={f.programId}
            onChange={(e) => {
              setProgramId(e.target.value);
              setPartnerId(choices.find((c) => c.programId === e.target.value)?.partners[0]?.id ?? '');
            }}
            options={choices.map((c) => ({ value: c.programId, label: c.programName }))}
          />
          <SelectField
            label="Partner"
            name="partnerId"
            value={partnerId}
            error={f.partnerId}
            onChange={(e) => setPartnerId(e.target.value)}
            options={partners.map((p) => ({ value: p.id, label: p.name }))}
          />
          <div className="flex flex-col gap-1">
            <label htmlFor="f-reason" className="text-sm font-medium text-slate-700">Reason</label>
            <textarea
              id="f-reason"
              name="reason"
              rows={2}
              maxLength={500}
              aria-invalid={f.reason ? true : undefined}
              aria-describedby={f.reason ? 'f-reason-error' : 'f-reason-hint'}
              className={`rounded-md border px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500 ${f.reason ? 'border-red-400' : 'border-slate-300'}`}
            />
            {f.reason ? (
              <p id="f-reason-error" className="text-xs text-red-600">{f.reason}</p>
            ) : (
              <p id="f-reason-hint" className="text-xs text-slate-500">Shown in the explanation of every later reward of this customer in the program.</p>
            )}
          </div>
          {changing ? <p className="text-xs text-amber-700">The customer is bound in this program already: the new binding replaces it for events from now on; past rewards stay as they are.</p> : null}
        </>
      )}
    </ActionForm>
  );
}
