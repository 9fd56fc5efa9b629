'use client';

import { useActionState } from 'react';
import { setCouponDisabledAction } from '@/lib/actions/coupons';

/** Disable a coupon (it stops crediting from the next order) or enable it again. */
export function CouponToggle({ workspaceSlug, couponId, code, disabled }: { workspaceSlug: string; couponId: string; code: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(setCouponDisabledAction.bind(null, workspaceSlug), null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="couponId" value={couponId} />
      <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
      <button disabled={pending} aria-label={`${disabled ? 'Enable' : 'Disable'} ${code}`} className={`text-xs font-medium hover:underline disabled:opacity-50 ${disabled ? 'text-emerald-700' : 'text-red-700'}`}>
        {disabled ? 'Enable' : 'Disable'}
      </button>
      {state && !state.ok ? <span role="alert" className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
