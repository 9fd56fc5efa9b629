'use client';

import { revokeInvitationAction } from '@/lib/actions/members';
import { useMemberAction } from './notices';

/** Revokes an open invitation: its link then tells the visitor to ask for a new one. */
export function RevokeInvitationButton({ workspaceSlug, invitationId, email }: { workspaceSlug: string; invitationId: string; email: string }) {
  const [pending, run] = useMemberAction(revokeInvitationAction.bind(null, workspaceSlug));
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => run({ invitationId })}
      aria-label={`Revoke the invitation for ${email}`}
      className="text-xs font-medium text-red-700 hover:underline disabled:opacity-50"
    >
      {pending ? 'Revoking…' : 'Revoke'}
    </button>
  );
}
