'use client';

import { useState } from 'react';
import { ActionForm } from '../forms/action-form';
import { RuleEditor } from './rule-editor';
import { setEnrollmentTermsAction } from '@/lib/actions/enrollment-terms';
import type { RewardRule } from '@/lib/validation/program';

/**
 * A partner's special terms in one program: follow the program's rules, or its own rules (the
 * same editor as the program's). `rules` is the enrollment's current agreement (null: none);
 * `programRules`, when given, pre-fill a new agreement so the merchant edits from the program's.
 */
export function EnrollmentTermsForm({
  workspaceSlug,
  enrollmentId,
  unit,
  rules,
  programRules,
}: {
  workspaceSlug: string;
  enrollmentId: string;
  unit: string;
  rules: RewardRule[] | null;
  programRules?: RewardRule[];
}) {
  const [mode, setMode] = useState<'program' | 'special'>(rules ? 'special' : 'program');
  const starting: RewardRule[] = rules ?? (programRules?.length ? programRules : [{ type: 'one_time_share', percent: '' }]);
  const radio = (value: 'program' | 'special', label: string) => (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
      {label}
    </label>
  );
  return (
    <ActionForm action={setEnrollmentTermsAction.bind(null, workspaceSlug)} submitLabel="Save terms" className="flex flex-col gap-3">
      {(f) => (
        <>
          <input type="hidden" name="enrollmentId" value={enrollmentId} />
          <fieldset className="flex flex-col gap-1.5 sm:flex-row sm:gap-6">
            <legend className="sr-only">Terms for this partner</legend>
            {radio('program', 'Follow the program’s rules')}
            {radio('special', 'Special terms for this partner')}
          </fieldset>
          {f.mode ? <p className="text-xs text-red-600">{f.mode}</p> : null}
          {mode === 'special' ? (
            <>
              <p className="text-xs text-slate-500">These rules replace the program’s for this partner on events received from now on.</p>
              <RuleEditor unit={unit} initial={starting} errors={f} />
            </>
          ) : null}
        </>
      )}
    </ActionForm>
  );
}
