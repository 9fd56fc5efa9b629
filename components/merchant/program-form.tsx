'use client';

import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { createProgramAction } from '@/lib/actions/merchant';

const opts = (pairs: [string, string][]) => pairs.map(([value, label]) => ({ value, label }));

export function ProgramForm({ workspaceSlug, units }: { workspaceSlug: string; units: { value: string; label: string }[] }) {
  return (
    <ActionForm action={createProgramAction.bind(null, workspaceSlug)} submitLabel="Create program" className="grid gap-4 sm:grid-cols-2">
      {(f) => (
        <>
          <Field label="Name" name="name" required error={f.name} />
          <SelectField
            label="Partner category"
            name="category"
            error={f.category}
            options={opts([['referral', 'Referral partners'], ['agency', 'Agencies'], ['reseller', 'Resellers'], ['affiliate', 'Affiliates'], ['implementation', 'Implementation partners'], ['internal', 'Internal sales'], ['other', 'Other']])}
          />
          <SelectField label="Reward unit" name="unit" error={f.unit} options={units} />
          <SelectField
            label="Attribution model"
            name="model"
            error={f.model}
            options={opts([['last_touch', 'Last touch'], ['first_touch', 'First touch'], ['equal_split', 'Equal split'], ['position_based', 'Position based (40/20/40)']])}
          />
          <Field label="Attribution window (days)" name="windowDays" type="number" min={0} defaultValue="30" error={f.windowDays} />
          <Field label="Hold before payable (days)" name="holdDays" type="number" min={0} defaultValue="30" error={f.holdDays} />
          <SelectField label="Approval" name="approvalMode" error={f.approvalMode} options={opts([['manual', 'Review each application'], ['auto', 'Approve automatically']])} />
          <SelectField label="Coupons" name="couponPrecedence" error={f.couponPrecedence} options={opts([['override', 'A coupon overrides clicks'], ['touch', 'A coupon is one more touch']])} />
          <SelectField
            label="Reward rule"
            name="ruleType"
            error={f.ruleType}
            options={opts([['one_time_share', '% of one-time revenue'], ['recurring_share', '% of recurring revenue'], ['per_customer', 'Fixed amount per new customer'], ['per_order', 'Fixed amount per order'], ['milestone', 'Fixed amount per milestone']])}
          />
          <Field label="Percent or amount" name="ruleValue" inputMode="decimal" required error={f.ruleValue} hint="A percentage for shares, an amount in the unit otherwise." />
          <Field label="Recurring duration (months, blank = forever)" name="durationMonths" type="number" min={1} error={f.durationMonths} />
          <Field label="Milestone name" name="milestoneName" error={f.milestoneName} />
        </>
      )}
    </ActionForm>
  );
}
