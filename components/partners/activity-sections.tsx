import Link from 'next/link';
import type { PartnerCustomerRow } from '@/db/queries/partner-detail';
import { Decimal } from '@/lib/engine/decimal';
import { formatDate, formatNumber } from '@/lib/format';
import { Badge, Card } from '../ui/card';

const th = 'px-5 py-2 font-medium';
const td = 'px-5 py-2';

export interface PartnerLinkRow {
  id: string;
  code: string;
  /** the partner's own campaign label, set when the link was created */
  subId: string | null;
  destinationUrl: string;
  disabled: boolean;
  createdAt: Date;
  programName: string;
  clicks: number;
}

/** The partner's tracked links (partners create them in the portal) with their human clicks. */
export function LinksSection({ links }: { links: PartnerLinkRow[] }) {
  return (
    <Card title={`Links (${links.length})`}>
      {links.length === 0 ? (
        <p className="text-sm text-slate-500">No tracked link yet; the partner creates them in the portal.</p>
      ) : (
        <div className="relative -mx-5 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={th}>Link</th>
                <th scope="col" className={th} title="The partner's own campaign label">Sub-id</th>
                <th scope="col" className={th}>Program</th>
                <th scope="col" className={th}>Destination</th>
                <th scope="col" className={`${th} text-right`}>Clicks</th>
                <th scope="col" className={th}>Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {links.map((l) => (
                <tr key={l.id}>
                  <td className={td}>
                    <code className="text-xs">/r/{l.code}</code> {l.disabled ? <Badge tone="slate">disabled</Badge> : null}
                  </td>
                  <td className={`${td} break-all font-mono text-xs`}>{l.subId ?? <span className="font-sans text-slate-400">—</span>}</td>
                  <td className={td}>{l.programName}</td>
                  <td className={`${td} max-w-[16rem] truncate text-xs text-slate-600`} title={l.destinationUrl}>{l.destinationUrl}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatNumber(l.clicks)}</td>
                  <td className={`${td} whitespace-nowrap`}>{formatDate(l.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

/** A binding share as stored ("1", "0.4", "1/3") in percent, exactly rounded to one place. */
function sharePercent(share: string): string {
  try {
    const [num, den] = share.split('/');
    const value = new Decimal(num).div(den ? new Decimal(den) : 1).mul(100);
    return `${value.toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toString()}%`;
  } catch {
    return share;
  }
}

/** Customers bound to the partner, with its share of each binding and how it was made. */
export function CustomersSection({ workspaceSlug, customers, total }: { workspaceSlug: string; customers: PartnerCustomerRow[]; total: number }) {
  return (
    <div data-testid="partner-customers">
      <Card title={`Customers (${formatNumber(total)})`}>
        {customers.length === 0 ? (
          <p className="text-sm text-slate-500">No customer is bound to this partner yet.</p>
        ) : (
          <>
            <div className="relative -mx-5 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className={th}>Customer</th>
                    <th scope="col" className={th}>Program</th>
                    <th scope="col" className={th}>Share</th>
                    <th scope="col" className={th}>Bound</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {customers.map((c) => (
                    <tr key={`${c.customerId}-${c.programName}`}>
                      <td className={td}>
                        <Link href={`/m/${workspaceSlug}/customers/${c.customerId}`} className="text-brand-700 hover:underline">
                          <code className="text-xs">{c.externalId}</code>
                        </Link>
                        {c.email ? <span className="block break-all text-xs text-slate-500">{c.email}</span> : null}
                      </td>
                      <td className={td}>{c.programName}</td>
                      <td className={`${td} tabular-nums`}>{sharePercent(c.share)}</td>
                      <td className={`${td} whitespace-nowrap`}>
                        {formatDate(c.boundAt)} <span className="text-xs text-slate-500">{c.source === 'manual' ? 'by hand' : 'by an order'}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {total > customers.length ? <p className="mt-3 text-xs text-slate-500">The {customers.length} most recent of {formatNumber(total)}.</p> : null}
          </>
        )}
      </Card>
    </div>
  );
}
