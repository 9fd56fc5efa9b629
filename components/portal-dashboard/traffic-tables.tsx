import Link from 'next/link';
import { formatNumber } from '@/lib/format';
import type { ProgramTraffic } from '@/db/queries/portal-dashboard-traffic';
import { conversionRate } from './conversion';

export interface LinkTraffic {
  id: string;
  code: string;
  subId: string | null;
  programName: string;
  clicks: number;
  visitors: number;
  customers: number;
}

const th = 'px-4 py-2.5 font-medium';
const num = 'whitespace-nowrap px-4 py-2.5 text-right tabular-nums';

/** Clicks, unique visitors, customers and conversion per program, then for the busiest links. */
export function TrafficTables({ programs, links, linkTotal }: { programs: ProgramTraffic[]; links: LinkTraffic[]; linkTotal: number }) {
  return (
    <div className="flex flex-col gap-4">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="traffic-programs">
          <caption className="sr-only">Clicks, customers and conversion per program</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className={th}>Program</th>
              <th scope="col" className={`${th} text-right`}>Links</th>
              <th scope="col" className={`${th} text-right`}>Clicks</th>
              <th scope="col" className={`${th} text-right`}>Unique visitors</th>
              <th scope="col" className={`${th} text-right`}>Customers from links</th>
              <th scope="col" className={`${th} text-right`}>Conversion</th>
              <th scope="col" className={`${th} text-right`}>All your customers</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {programs.map((p) => (
              <tr key={p.programId} data-program={p.programName}>
                <th scope="row" className="px-4 py-2.5 text-left font-medium">{p.programName}</th>
                <td className={num}>{formatNumber(p.links)}</td>
                <td className={num} data-col="clicks">{formatNumber(p.clicks)}</td>
                <td className={num} data-col="visitors">{formatNumber(p.visitors)}</td>
                <td className={num} data-col="customers">{formatNumber(p.customersFromLinks)}</td>
                <td className={num} data-col="conversion">{conversionRate(p.customersFromLinks, p.visitors)}</td>
                <td className={num} data-col="all-customers">{formatNumber(p.allCustomers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {links.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="traffic-links">
            <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-800">
              {linkTotal > links.length ? `Your ${links.length} busiest links of ${formatNumber(linkTotal)}` : 'Your links'}
            </caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={th}>Link</th>
                <th scope="col" className={th}>Program</th>
                <th scope="col" className={`${th} text-right`}>Clicks</th>
                <th scope="col" className={`${th} text-right`}>Unique visitors</th>
                <th scope="col" className={`${th} text-right`}>Customers</th>
                <th scope="col" className={`${th} text-right`}>Conversion</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {links.map((l) => (
                <tr key={l.id} data-link={l.code}>
                  <th scope="row" className="px-4 py-2.5 text-left font-normal">
                    <code className="whitespace-nowrap text-xs text-slate-800">/r/{l.code}</code>
                    {l.subId ? <span className="ml-2 inline-block whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">sub-id {l.subId}</span> : null}
                  </th>
                  <td className="px-4 py-2.5">{l.programName}</td>
                  <td className={num} data-col="clicks">{formatNumber(l.clicks)}</td>
                  <td className={num} data-col="visitors">{formatNumber(l.visitors)}</td>
                  <td className={num} data-col="customers">{formatNumber(l.customers)}</td>
                  <td className={num} data-col="conversion">{conversionRate(l.customers, l.visitors)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <p className="text-xs text-slate-500">
        Since your first link. <strong className="font-medium text-slate-600">Clicks</strong> leave bots out; <strong className="font-medium text-slate-600">unique visitors</strong> are the different browsers that clicked.
        A <strong className="font-medium text-slate-600">customer</strong> counts for the link they last clicked before first buying, once;
        <strong className="font-medium text-slate-600"> conversion</strong> = those customers ÷ unique visitors. <strong className="font-medium text-slate-600">All your customers</strong> adds
        those who came through a coupon, a deal registration or the merchant&apos;s hand. <Link href="/p/links" className="font-medium text-brand-700 hover:underline">Every link and sub-id →</Link>
      </p>
    </div>
  );
}
