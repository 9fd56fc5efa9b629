'use client';

import { useState } from 'react';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { savePayoutDetailsAction } from '@/lib/actions/payout-details';
import type { ActionResult } from '@/lib/actions/result';
import { PAYOUT_METHODS, type PayoutMethod } from '@/lib/domain/payouts';
import { PAYOUT_METHOD_LABELS } from '@/lib/domain/payout-details';
import { usesIban } from '@/lib/validation/payout-details-iban';
import { localAccountRules } from '@/lib/validation/payout-details-local';

type AccountFormat = 'iban' | 'local';

const METHOD_HINTS: Record<PayoutMethod, string> = {
  paypal: 'Paid to your PayPal account by email.',
  bank_transfer: 'Paid to a bank account: an IBAN, or an account number with its routing code.',
  wise: 'Paid to your Wise account by email.',
  other: 'Describe how you want to be paid; the merchant’s finance team reads it.',
};

const EMPTY = {
  email: '', accountHolder: '', holderType: 'private', country: '', accountFormat: 'iban' as AccountFormat,
  iban: '', bic: '', accountNumber: '', routingCode: '', accountType: '', instructions: '',
};

/**
 * The portal's payout details form for one workspace: its fields switch with the method (and, for
 * a bank account, with the account's country). Details are never shown back: the card above shows
 * the masked summary, and saving replaces the details whole.
 */
export function PayoutDetailsForm({
  partnerId,
  currentMethod,
  countries,
}: {
  partnerId: string;
  currentMethod: PayoutMethod | null;
  countries: { value: string; label: string }[];
}) {
  const [method, setMethod] = useState<PayoutMethod>(currentMethod ?? 'paypal');
  const [values, setValues] = useState(EMPTY);
  const set = (patch: Partial<typeof EMPTY>) => setValues((v) => ({ ...v, ...patch }));
  // saved details leave the form (the card shows them masked); refused ones stay to be corrected
  const action = async (prev: ActionResult | null, form: FormData) => {
    const result = await savePayoutDetailsAction(prev, form);
    if (result.ok) setValues(EMPTY);
    return result;
  };
  // ids carry the partner record: the page has one form per workspace
  const id = (name: string) => `${partnerId}-${name}`;
  const text = (name: keyof typeof EMPTY) => ({ id: id(name), name, value: values[name], onChange: (e: { target: { value: string } }) => set({ [name]: e.target.value }) });
  const rules = localAccountRules(values.country);
  const holderTypeField = (error?: string) => (
    <SelectField
      {...text('holderType')}
      label="The account belongs to"
      error={error}
      options={[{ value: 'private', label: 'A private person' }, { value: 'business', label: 'A business' }]}
    />
  );

  return (
    <ActionForm action={action} submitLabel="Save payout details" pendingLabel="Saving…" className="flex flex-col gap-4 md:items-start">
      {(f) => (
        <div className="grid w-full grid-cols-1 gap-3 md:grid-cols-2">
          <input type="hidden" name="partnerId" value={partnerId} />
          <div className="md:col-span-2">
            <SelectField
              id={id('method')}
              label="How you want to be paid"
              name="method"
              value={method}
              onChange={(e) => setMethod(e.target.value as PayoutMethod)}
              error={f.method}
              options={PAYOUT_METHODS.map((m) => ({ value: m, label: PAYOUT_METHOD_LABELS[m] }))}
            />
            <p className="mt-1 text-xs text-slate-500">{METHOD_HINTS[method]}</p>
          </div>

          {method === 'paypal' ? (
            <Field {...text('email')} label="PayPal email" type="email" autoComplete="email" placeholder="you@example.com" maxLength={254} error={f.email} />
          ) : null}

          {method === 'wise' ? (
            <>
              <Field {...text('email')} label="Wise account email" type="email" autoComplete="email" placeholder="you@example.com" maxLength={254} error={f.email} />
              <Field {...text('accountHolder')} label="Account holder name" autoComplete="name" hint="As on your Wise account." maxLength={140} error={f.accountHolder} />
              {holderTypeField(f.holderType)}
            </>
          ) : null}

          {method === 'bank_transfer' ? (
            <>
              <Field {...text('accountHolder')} label="Account holder name" autoComplete="name" hint="Exactly as your bank has it." maxLength={140} error={f.accountHolder} />
              {holderTypeField(f.holderType)}
              <SelectField
                id={id('country')}
                name="country"
                label="Country of the account"
                value={values.country}
                // a country that uses IBANs starts on the IBAN fields, one that does not on the local ones
                onChange={(e) => set({ country: e.target.value, accountFormat: !e.target.value || usesIban(e.target.value) ? 'iban' : 'local' })}
                error={f.country}
                options={[{ value: '', label: 'Choose a country' }, ...countries]}
              />
              <SelectField
                id={id('accountFormat')}
                name="accountFormat"
                label="Account details as"
                value={values.accountFormat}
                onChange={(e) => set({ accountFormat: e.target.value as AccountFormat })}
                error={f.accountFormat}
                options={[{ value: 'iban', label: 'IBAN' }, { value: 'local', label: 'Account number and routing code' }]}
              />
              {values.accountFormat === 'iban' ? (
                <>
                  <Field {...text('iban')} label="IBAN" autoComplete="off" spellCheck={false} placeholder="DE89 3704 0044 0532 0130 00" maxLength={50} error={f.iban} />
                  <Field {...text('bic')} label="BIC / SWIFT (optional)" autoComplete="off" spellCheck={false} placeholder="COBADEFFXXX" maxLength={14} hint="8 or 11 characters; needed by some banks outside the euro area." error={f.bic} />
                </>
              ) : (
                <>
                  <Field {...text('accountNumber')} label="Account number" autoComplete="off" spellCheck={false} maxLength={40} error={f.accountNumber} />
                  <Field {...text('routingCode')} label={rules.routingLabel} autoComplete="off" spellCheck={false} maxLength={30} hint={rules.routingHint} error={f.routingCode} />
                  {rules.needsAccountType ? (
                    <SelectField
                      {...text('accountType')}
                      label="Account type"
                      error={f.accountType}
                      options={[{ value: '', label: 'Choose checking or savings' }, { value: 'checking', label: 'Checking' }, { value: 'savings', label: 'Savings' }]}
                    />
                  ) : null}
                </>
              )}
            </>
          ) : null}

          {method === 'other' ? (
            <div className="flex flex-col gap-1 md:col-span-2">
              <label htmlFor={id('instructions')} className="text-sm font-medium text-slate-700">Payment instructions</label>
              <textarea
                {...text('instructions')}
                rows={4}
                maxLength={500}
                placeholder="e.g. Payoneer account, or a cheque to our office address"
                aria-invalid={f.instructions ? true : undefined}
                className={`rounded-md border px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500 ${f.instructions ? 'border-red-400' : 'border-slate-300'}`}
              />
              {f.instructions ? <p className="text-xs text-red-600">{f.instructions}</p> : <p className="text-xs text-slate-500">At most 500 characters.</p>}
            </div>
          ) : null}
        </div>
      )}
    </ActionForm>
  );
}
