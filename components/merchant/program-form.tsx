'use client';

import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { createProgramAction } from '@/lib/actions/merchant';
import { categoryLabel } from '@/lib/format';
import type { ApprovalMode, AttributionModel, CouponPrecedence, RuleType } from '@/lib/domain/programs';

// Labels for every value of the domain lists (lib/domain/programs.ts): `satisfies Record<…>` stops
// the build when a list grows and the form does not. A select's first option is its default, so the
// keys are in the order the form offers them.
const modelLabels = {
  last_touch: 'Last touch',
  first_touch: 'First touch',
  equal_split: 'Equal split',
  position_based: 'Position based (40/20/40)',
} satisfies Record<AttributionModel, string>;
const approvalLabels = { manual: 'Review each application', auto: 'Approve automatically' } satisfies Record<ApprovalMode, string>;
const couponLabels = { override: 'A coupon overrides clicks', touch: 'A coupon is one more touch' } satisfies Record<CouponPrecedence, string>;
const ruleLabels = {
  one_time_share: '% of one-time revenue',
  recurring_share: '% of recurring revenue',
  per_customer: 'Fixed amount per new customer',
  per_order: 'Fixed amount per order',
  milestone: 'Fixed amount per milestone',
} satisfies Record<RuleType, string>;

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export function ProgramForm({ workspaceSlug, units }: { workspaceSlug: string; units: { value: string; label: string }[] }) {
  return (
    <ActionForm action={createProgramAction.bind(null, workspaceSlug)} submitLabel="Create program" className="grid gap-4 sm:grid-cols-2">
      {(f) => (
        <>
          <Field label="Name" name="name" required error={f.name} />
          <SelectField label="Partner category" name="category" error={f.category} options={options(categoryLabel)} />
          <SelectField label="Reward unit" name="unit" error={f.unit} options={units} />
          <SelectField label="Attribution model" name="model" error={f.model} options={options(modelLabels)} />
          <Field label="Attribution window (days)" name="windowDays" type="number" min={0} defaultValue="30" error={f.windowDays} />
          <Field label="Hold before payable (days)" name="holdDays" type="number" min={0} defaultValue="30" error={f.holdDays} />
          <SelectField label="Approval" name="approvalMode" error={f.approvalMode} options={options(approvalLabels)} />
          <SelectField label="Coupons" name="couponPrecedence" error={f.couponPrecedence} options={options(couponLabels)} />
          <SelectField label="Reward rule" name="ruleType" error={f.ruleType} options={options(ruleLabels)} />
          <Field label="Percent or amount" name="ruleValue" inputMode="decimal" required error={f.ruleValue} hint="A percentage for shares, an amount in the unit otherwise." />
          <Field label="Recurring duration (months, blank = forever)" name="durationMonths" type="number" min={1} error={f.durationMonths} />
          <Field label="Milestone name" name="milestoneName" error={f.milestoneName} />
        </>
      )}
    </ActionForm>
  );
}
