import { Badge } from '../ui/card';
import { formatDate, formatDateTime } from '@/lib/time';

export interface ClickView {
  id: string;
  visitorId: string;
  at: Date;
  bot: boolean;
  linkCode: string;
  partnerName: string;
  programName: string;
}
export interface CodeView {
  kind: 'coupon' | 'partner code';
  code: string;
  order: string;
  partnerName: string | null;
  disabled: boolean;
}
export interface DealView {
  id: string;
  partnerName: string;
  programName: string;
  status: string;
  matchType: string;
  matchValue: string;
  registeredAt: Date;
  expiresAt: Date;
}

const th = 'py-1.5 pr-4 font-medium';
const td = 'py-1.5 pr-4 align-top';

/**
 * Every signal that could credit a partner for this customer: clicks of its visitors, codes its
 * orders carried, and deal registrations naming it. Whether one counted for a given event is on
 * that event's page (windows and approvals are judged at the event's time).
 */
export function CustomerTouches({ clicks, codes, deals, timeZone }: { clicks: ClickView[]; codes: CodeView[]; deals: DealView[]; timeZone?: string }) {
  return (
    <div className="space-y-5 text-sm">
      <div>
        <h3 className="mb-1 font-medium text-slate-800">Clicks through its visitors</h3>
        {clicks.length === 0 ? (
          <p className="text-slate-500">No tracked click of this customer’s visitors.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full" data-testid="customer-clicks">
              <thead className="text-left text-xs text-slate-500"><tr><th className={th}>When</th><th className={th}>Link</th><th className={th}>Partner</th><th className={th}>Program</th><th className={th}>Visitor</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {clicks.map((c) => (
                  <tr key={c.id}>
                    <td className={`${td} whitespace-nowrap`}>{formatDateTime(c.at, timeZone)}</td>
                    <td className={td}><code className="text-xs">{c.linkCode}</code> {c.bot ? <Badge tone="red">bot</Badge> : null}</td>
                    <td className={td}>{c.partnerName}</td>
                    <td className={td}>{c.programName}</td>
                    <td className={td}><code className="text-xs">{c.visitorId}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div>
        <h3 className="mb-1 font-medium text-slate-800">Coupons and partner codes on its orders</h3>
        {codes.length === 0 ? (
          <p className="text-slate-500">Its orders carried no coupon or partner code.</p>
        ) : (
          <ul className="space-y-1">
            {codes.map((c) => (
              <li key={`${c.order}|${c.kind}|${c.code}`}>
                {c.kind === 'coupon' ? 'Coupon' : 'Partner code'} <code className="text-xs">{c.code}</code> on order <code className="text-xs">{c.order}</code>:{' '}
                {c.partnerName ? <>{c.partnerName}{c.disabled ? <span className="text-amber-700"> (disabled now)</span> : null}</> : <span className="text-amber-700">no such code in this workspace</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="mb-1 font-medium text-slate-800">Deal registrations naming it</h3>
        {deals.length === 0 ? (
          <p className="text-slate-500">No partner registered this customer as a deal.</p>
        ) : (
          <ul className="space-y-1">
            {deals.map((d) => (
              <li key={d.id}>
                {d.partnerName} in {d.programName}: {d.matchType.replaceAll('_', ' ')} <code className="text-xs">{d.matchValue}</code>, registered {formatDate(d.registeredAt, timeZone)}, expires {formatDate(d.expiresAt, timeZone)} <Badge tone={d.status === 'approved' ? 'green' : d.status === 'pending' ? 'amber' : 'slate'}>{d.status}</Badge>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
