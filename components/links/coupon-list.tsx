import type { PortalCouponRow } from '@/db/queries/portal-coupons';
import { formatNumber } from '@/lib/format';
import { formatDate } from '@/lib/time';
import { Badge } from '../ui/card';
import { CopyButton } from './copy-button';

const th = 'px-4 py-2.5 font-medium';
const td = 'px-4 py-2.5 align-top';

/** The coupon codes the merchant assigned to the partner, with program, status and orders. */
export function CouponList({ coupons, timeZone }: { coupons: PortalCouponRow[]; timeZone: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className={th}>Code</th>
            <th scope="col" className={th}>Issued for</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} text-right`} title="Orders credited to you that used this code">Orders</th>
            <th scope="col" className={th}>Since</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {coupons.map((c) => (
            <tr key={c.id}>
              <td className={td}>
                <span className="flex items-center gap-2">
                  <code className="whitespace-nowrap font-semibold">{c.code}</code>
                  <CopyButton text={c.code} />
                </span>
              </td>
              <td className={td}>
                {c.programName}
                {c.programArchived ? <span className="block text-xs text-slate-500">program archived</span> : null}
              </td>
              <td className={td}>{c.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</td>
              <td className={`${td} text-right tabular-nums`}>{formatNumber(c.orders)}</td>
              <td className={`${td} whitespace-nowrap`}>{formatDate(c.createdAt, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
