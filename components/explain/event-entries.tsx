import Link from 'next/link';
import { Badge } from '../ui/card';
import { Amount } from '../ui/amount';
import { formatDate } from '@/lib/time';

const kindTone = { commission: 'green', bonus: 'blue', reversal: 'amber', clawback: 'red' } as const;

export interface WrittenEntry {
  id: string;
  partnerName: string;
  programName: string | null;
  kind: keyof typeof kindTone;
  rule: string | null;
  ruleName: string;
  amount: string;
  unit: string;
  payableAt: Date;
}

/** The entries one event wrote, each linked to its "Why?" page; scrolls sideways at 390 px. */
export function EventEntries({ entries, entryHref, timeZone }: { entries: WrittenEntry[]; entryHref: (id: string) => string; timeZone?: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No ledger entry was written for this event.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="event-entries">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2.5 font-medium">Partner</th>
            <th className="px-4 py-2.5 font-medium">Program</th>
            <th className="px-4 py-2.5 font-medium">Kind</th>
            <th className="px-4 py-2.5 font-medium">Rule</th>
            <th className="px-4 py-2.5 text-right font-medium">Amount</th>
            <th className="px-4 py-2.5 font-medium">Payable from</th>
            <th className="px-4 py-2.5" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="px-4 py-2.5">{e.partnerName}</td>
              <td className="px-4 py-2.5">{e.programName ?? '—'}</td>
              <td className="px-4 py-2.5"><Badge tone={kindTone[e.kind]}>{e.kind}</Badge></td>
              <td className="whitespace-nowrap px-4 py-2.5 text-xs">{e.rule?.replaceAll('_', ' ') ?? '—'}{e.ruleName ? ` “${e.ruleName}”` : ''}</td>
              <td className={`px-4 py-2.5 text-right ${e.amount.startsWith('-') ? 'text-red-700' : ''}`}><Amount value={e.amount} unit={e.unit} /></td>
              <td className="whitespace-nowrap px-4 py-2.5">{formatDate(e.payableAt, timeZone)}</td>
              <td className="px-4 py-2.5"><Link href={entryHref(e.id)} className="text-xs font-medium text-brand-700 hover:underline">Why?</Link></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
