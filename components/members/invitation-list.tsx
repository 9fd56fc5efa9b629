import type { OpenInvitationRow } from '@/db/queries/invitations';
import { formatDate } from '@/lib/time';
import { Badge } from '../ui/card';
import { RevokeInvitationButton } from './revoke-invitation-button';

/** Invitations not yet accepted or revoked; an expired one stays until it is revoked or sent again. */
export function InvitationList({
  workspaceSlug,
  invitations,
  total,
  canRevoke,
  timeZone,
  now,
}: {
  workspaceSlug: string;
  invitations: OpenInvitationRow[];
  total: number;
  canRevoke: boolean;
  timeZone: string;
  now: Date;
}) {
  if (invitations.length === 0) return <p className="text-sm text-slate-500">No open invitations.</p>;
  return (
    <>
      <ul className="divide-y divide-slate-100 text-sm">
        {invitations.map((inv) => {
          const expired = inv.expiresAt.getTime() <= now.getTime();
          return (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5">
              <div className="flex min-w-0 flex-col">
                <span className="break-all font-medium text-slate-900">
                  {inv.email} <Badge>{inv.role}</Badge>
                </span>
                <span className="text-xs text-slate-500">
                  Sent {formatDate(inv.createdAt, timeZone)}
                  {inv.invitedBy ? ` by ${inv.invitedBy}` : ''} ·{' '}
                  {expired ? <span className="text-amber-700">expired {formatDate(inv.expiresAt, timeZone)}</span> : `expires ${formatDate(inv.expiresAt, timeZone)}`}
                </span>
              </div>
              {canRevoke ? <RevokeInvitationButton workspaceSlug={workspaceSlug} invitationId={inv.id} email={inv.email} /> : null}
            </li>
          );
        })}
      </ul>
      {total > invitations.length ? <p className="mt-2 text-xs text-slate-500">Showing the newest {invitations.length} of {total}.</p> : null}
    </>
  );
}
