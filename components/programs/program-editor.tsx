'use client';

import { useState, type ReactNode } from 'react';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { RuleEditor } from '../rules/rule-editor';
import { ScopeEditor } from './scope-editor';
import { updateProgramAction } from '@/lib/actions/programs';
import { categoryLabel } from '@/lib/format';
import { couponLabel, modelLabel } from '@/lib/format-terms';
import type { ApprovalMode } from '@/lib/domain/programs';
import type { ProgramScope, RewardRule } from '@/lib/validation/program';

const approvalLabels = { manual: 'Review each application', auto: 'Approve automatically' } satisfies Record<ApprovalMode, string>;
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export interface EditableProgram {
  id: string;
  version: number;
  name: string;
  description: string;
  terms: string;
  category: string;
  unit: string;
  model: string;
  windowDays: number;
  couponPrecedence: string;
  holdDays: number;
  approvalMode: string;
  joinPageEnabled: boolean;
  rules: RewardRule[];
  scope: ProgramScope;
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3 border-t border-slate-100 pt-5 first:border-t-0 first:pt-0">
      <div>
        <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
        {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      </div>
      {children}
    </section>
  );
}

function TextArea({ label, name, defaultValue, rows, error, hint }: { label: string; name: string; defaultValue: string; rows: number; error?: string; hint?: string }) {
  return (
    <div className="flex flex-col gap-1 sm:col-span-2">
      <label htmlFor={`f-${name}`} className="text-sm font-medium text-slate-700">{label}</label>
      <textarea id={`f-${name}`} name={name} rows={rows} defaultValue={defaultValue} aria-invalid={error ? true : undefined} className={`rounded-md border px-3 py-2 text-sm shadow-sm ${error ? 'border-red-400' : 'border-slate-300'}`} />
      {hint && !error ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {error ? <p className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

/**
 * Every term of a program in one form; saving writes the next version. Selects and inputs keep what
 * was typed when the action refuses the save (the form is never reset), and each error sits under
 * its field, rule row or scope list.
 */
export function ProgramEditor({
  workspaceSlug,
  program,
  units,
  suggestions,
}: {
  workspaceSlug: string;
  program: EditableProgram;
  units: { value: string; label: string }[];
  suggestions: { products: string[]; plans: string[]; categories: string[] };
}) {
  // the rule editor shows amounts in the unit being chosen, before it is saved
  const [unit, setUnit] = useState(program.unit);
  const unitOptions = units.some((u) => u.value === program.unit) ? units : [{ value: program.unit, label: program.unit }, ...units];
  return (
    <ActionForm action={updateProgramAction.bind(null, workspaceSlug)} submitLabel={`Save as version ${program.version + 1}`} pendingLabel="Saving…" className="flex flex-col gap-5">
      {(f) => (
        <>
          <input type="hidden" name="programId" value={program.id} />
          <input type="hidden" name="baseVersion" value={program.version} />
          <Section title="Program">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Name" name="name" defaultValue={program.name} required error={f.name} />
              <SelectField label="Partner category" name="category" defaultValue={program.category} error={f.category} options={options(categoryLabel)} />
              <TextArea label="Description" name="description" rows={2} defaultValue={program.description} error={f.description} hint="One or two lines on the join page." />
              <TextArea label="Public terms" name="terms" rows={5} defaultValue={program.terms} error={f.terms} hint="Shown on the join page under the rules in plain words: brand guidelines, forbidden channels, how to contact you." />
            </div>
          </Section>
          <Section title="Reward rules" hint="Each credited partner earns every rule; percentages apply to the revenue in scope, converted to the reward unit.">
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField label="Reward unit" name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} error={f.unit} options={unitOptions} />
            </div>
            <RuleEditor unit={unit} initial={program.rules} errors={f} />
          </Section>
          <Section title="Scope" hint="Which order lines count. Suggestions come from the orders your storefront has sent.">
            <ScopeEditor initial={program.scope} suggestions={suggestions} errors={f} />
          </Section>
          <Section title="Attribution">
            <div className="grid gap-4 sm:grid-cols-3">
              <SelectField label="Attribution model" name="model" defaultValue={program.model} error={f.model} options={options(modelLabel)} />
              <Field label="Attribution window (days)" name="windowDays" type="number" min={0} max={3650} defaultValue={String(program.windowDays)} error={f.windowDays} />
              <SelectField label="Coupons" name="couponPrecedence" defaultValue={program.couponPrecedence} error={f.couponPrecedence} options={options(couponLabel)} />
            </div>
          </Section>
          <Section title="Payout and joining">
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label="Hold before payable (days)" name="holdDays" type="number" min={0} max={365} defaultValue={String(program.holdDays)} error={f.holdDays} />
              <SelectField label="Approval" name="approvalMode" defaultValue={program.approvalMode} error={f.approvalMode} options={options(approvalLabels)} />
              <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
                <input type="checkbox" name="joinPageEnabled" defaultChecked={program.joinPageEnabled} className="h-4 w-4 rounded border-slate-300" />
                Public join page on
              </label>
            </div>
          </Section>
          <p className="text-xs text-slate-500">Changes apply to events received after you save; rewards already recorded keep the version they were computed with.</p>
        </>
      )}
    </ActionForm>
  );
}
