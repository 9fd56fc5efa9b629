import { Badge } from '../ui/card';

const tone = { pending: 'amber', approved: 'green', rejected: 'slate', expired: 'red' } as const;
const matchLabels = { email: 'email', email_domain: 'domain', customer: 'customer id' } as const;

export function DealStatusBadge({ status }: { status: keyof typeof tone }) {
  return <Badge tone={tone[status]}>{status}</Badge>;
}

/** How the registration names its prospect, e.g. "domain bigco.com". */
export function DealMatch({ matchType, matchValue }: { matchType: keyof typeof matchLabels; matchValue: string }) {
  return (
    <span className="text-xs text-slate-500">
      {matchLabels[matchType]} <code className="break-all text-slate-700">{matchValue}</code>
    </span>
  );
}
