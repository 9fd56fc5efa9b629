import { Badge } from '../ui/card';
import { manualBindingWords } from '@/lib/explain/attribution';
import { share } from '@/lib/explain/words';
import type { CustomerBindingRow } from '@/db/queries/customer-detail';
import { formatDate } from '@/lib/time';

/** The customer's binding per program: who gets later events' credit, in which shares, and why. */
export function CustomerBindings({ bindings, timeZone }: { bindings: CustomerBindingRow[]; timeZone?: string }) {
  if (bindings.length === 0) {
    return <p className="text-sm text-slate-500">Not bound in any program yet: the first event that credits a partner in a program binds the customer there.</p>;
  }
  return (
    <ul className="divide-y divide-slate-100" data-testid="customer-bindings">
      {bindings.map((b) => (
        <li key={b.programId} className="py-3 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-800">{b.programName}</span>
            <Badge tone={b.source === 'manual' ? 'amber' : 'slate'}>{b.source === 'manual' ? 'bound by hand' : 'by attribution'}</Badge>
            <span className="text-xs text-slate-500">since {formatDate(b.boundAt, timeZone)}</span>
          </div>
          <p className="mt-1 text-sm text-slate-700">
            {b.shares.map((s, i) => (
              <span key={s.partnerId}>
                {i > 0 ? ', ' : ''}
                {s.partnerName} <span className="text-slate-500">({share(s.share)})</span>
              </span>
            ))}
          </p>
          {b.source === 'manual' ? (
            <p className="mt-1 text-sm text-slate-600" data-testid="binding-reason">
              {manualBindingWords(b.boundAt.toISOString(), { reason: b.reason, boundBy: b.boundBy }).replace(/^./, (c) => c.toUpperCase())}.
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
