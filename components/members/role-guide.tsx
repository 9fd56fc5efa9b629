import type { MemberRole } from '@/lib/domain/roles';

// What each role may do, in the words of lib/domain/roles.ts's groups and lib/domain/members.ts.
const GUIDE: [MemberRole, string][] = [
  ['owner', 'Everything, including making, demoting and removing owners. A workspace always keeps at least one.'],
  ['admin', 'Programs, partners, settings and secrets; invites members and changes their roles, except owners.'],
  ['finance', 'Payout batches, marking payouts paid or failed, exports and pool closings; reads the rest.'],
  ['viewer', 'Reads everything, changes nothing.'],
];

export function RoleGuide() {
  return (
    <dl className="flex flex-col gap-3 text-sm">
      {GUIDE.map(([role, text]) => (
        <div key={role}>
          <dt className="font-medium text-slate-800">{role}</dt>
          <dd className="text-slate-600">{text}</dd>
        </div>
      ))}
      <p className="text-xs text-slate-500">Any member may leave the workspace.</p>
    </dl>
  );
}
