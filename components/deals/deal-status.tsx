import { Badge } from '../ui/card';
import type { DealMatchType, DealStatus } from '@/lib/domain/deals';

const tone = { pending: 'amber', approved: 'green', rejected: 'slate', expired: 'red' } as const satisfies Record<DealStatus, string>;
const matchLabels = { email: 'email', email_domain: 'domain', customer: 'customer id' } as const satisfies Record<DealMatchType, string>;

export function DealStatusBadge({ status }: { status: DealStatus }) {
  return <Badge tone={tone[status]}>{status}</Badge>;
}

/** How the registration names its prospect, e.g. "domain bigco.com". */
export function DealMatch({ matchType, matchValue }: { matchType: DealMatchType; matchValue: string }) {
  return (
    <span className="text-xs text-slate-500">
      {matchLabels[matchType]} <code className="break-all text-slate-700">{matchValue}</code>
    </span>
  );
}
