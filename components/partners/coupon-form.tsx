'use client';

import { useState } from 'react';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { createCouponAction } from '@/lib/actions/coupons';
import type { ActionResult } from '@/lib/actions/result';

const empty = { code: '', stripePromotionCodeId: '' };

/** A new coupon for this partner, in one of the programs it is approved in. */
export function CouponForm({ workspaceSlug, partnerId, programs }: { workspaceSlug: string; partnerId: string; programs: { id: string; name: string }[] }) {
  const [programId, setProgramId] = useState(programs[0]?.id ?? '');
  const [values, setValues] = useState(empty);
  // kept while refused, cleared once the coupon exists
  const action = async (prev: ActionResult | null, form: FormData) => {
    const result = await createCouponAction(workspaceSlug, partnerId, prev, form);
    if (result.ok) setValues(empty);
    return result;
  };
  return (
    <ActionForm action={action} submitLabel="Create coupon" pendingLabel="Creating…" className="flex flex-col gap-3 sm:items-start">
      {(f) => (
        <div className="grid w-full grid-cols-1 gap-3 sm:grid-cols-3">
          <SelectField
            label="Coupon program"
            name="programId"
            value={programId}
            onChange={(e) => setProgramId(e.target.value)}
            error={f.programId}
            options={programs.map((p) => ({ value: p.id, label: p.name }))}
          />
          <Field
            label="Code"
            name="code"
            value={values.code}
            onChange={(e) => setValues({ ...values, code: e.target.value })}
            placeholder="SUMMER-25"
            autoCapitalize="characters"
            error={f.code}
            hint="3–40 letters, digits, dashes or underscores; matched in any case."
          />
          <Field
            label="Stripe promotion code id (optional)"
            name="stripePromotionCodeId"
            value={values.stripePromotionCodeId}
            onChange={(e) => setValues({ ...values, stripePromotionCodeId: e.target.value })}
            placeholder="promo_…"
            error={f.stripePromotionCodeId}
            hint="Learnt from Stripe automatically when left empty."
          />
        </div>
      )}
    </ActionForm>
  );
}
