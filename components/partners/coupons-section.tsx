import { formatDate } from '@/lib/format';
import { Badge, Card } from '../ui/card';
import { CouponForm } from './coupon-form';
import { CouponToggle } from './coupon-toggle';

export interface CouponRow {
  id: string;
  code: string;
  stripePromotionCodeId: string | null;
  disabled: boolean;
  createdAt: Date;
  programName: string;
}

/** The partner's coupons, and for managers a form for a new one and a switch on each. */
export function CouponsSection({
  workspaceSlug,
  partnerId,
  coupons,
  approvedPrograms,
  canManage,
}: {
  workspaceSlug: string;
  partnerId: string;
  coupons: CouponRow[];
  approvedPrograms: { id: string; name: string }[];
  canManage: boolean;
}) {
  return (
    <div data-testid="partner-coupons">
      <Card title={`Coupons (${coupons.length})`}>
        <div className="flex flex-col gap-5">
          {coupons.length === 0 ? (
            <p className="text-sm text-slate-500">No coupon yet. An order carrying one of this partner&apos;s codes credits the partner in the coupon&apos;s program.</p>
          ) : (
            <div className="relative -mx-5 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">Code</th>
                    <th scope="col" className="px-5 py-2 font-medium">Program</th>
                    <th scope="col" className="px-5 py-2 font-medium">Stripe promotion code</th>
                    <th scope="col" className="px-5 py-2 font-medium">Status</th>
                    <th scope="col" className="px-5 py-2 font-medium">Created</th>
                    {canManage ? <th scope="col" className="px-5 py-2"><span className="sr-only">Actions</span></th> : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {coupons.map((c) => (
                    <tr key={c.id}>
                      <td className="px-5 py-2"><code className="font-semibold">{c.code}</code></td>
                      <td className="px-5 py-2">{c.programName}</td>
                      <td className="px-5 py-2"><code className="text-xs text-slate-600">{c.stripePromotionCodeId ?? '—'}</code></td>
                      <td className="px-5 py-2">{c.disabled ? <Badge tone="slate">disabled</Badge> : <Badge tone="green">active</Badge>}</td>
                      <td className="whitespace-nowrap px-5 py-2">{formatDate(c.createdAt)}</td>
                      {canManage ? (
                        <td className="px-5 py-2 text-right">
                          <CouponToggle workspaceSlug={workspaceSlug} couponId={c.id} code={c.code} disabled={c.disabled} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {canManage ? (
            approvedPrograms.length ? (
              <div className="border-t border-slate-100 pt-4">
                <h3 className="mb-3 text-sm font-semibold text-slate-800">New coupon</h3>
                <CouponForm workspaceSlug={workspaceSlug} partnerId={partnerId} programs={approvedPrograms} />
              </div>
            ) : (
              <p className="border-t border-slate-100 pt-4 text-sm text-slate-500">Coupons can be given once the partner is approved in an active program.</p>
            )
          ) : null}
        </div>
      </Card>
    </div>
  );
}
