'use client';

import { useState } from 'react';
import { removeMemberAction } from '@/lib/actions/members';
import { useMemberAction } from './notices';

/** Remove a member (or leave, on one's own row), after a second click that names who goes. */
export function RemoveMemberButton({ workspaceSlug, memberId, memberName, isSelf }: { workspaceSlug: string; memberId: string; memberName: string; isSelf: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, run] = useMemberAction(removeMemberAction.bind(null, workspaceSlug));
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="text-xs font-medium text-red-700 hover:underline">
        {isSelf ? 'Leave' : 'Remove'}
      </button>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
      <span className="text-slate-700">{isSelf ? 'Leave this workspace?' : `Remove ${memberName}?`}</span>
      <button
        type="button"
        disabled={pending}
        onClick={() => run({ memberId })}
        className="rounded-md bg-red-600 px-2 py-1 font-medium text-white hover:bg-red-700 disabled:opacity-50"
      >
        {pending ? 'Removing…' : isSelf ? 'Yes, leave' : 'Yes, remove'}
      </button>
      <button type="button" disabled={pending} onClick={() => setConfirming(false)} className="font-medium text-slate-600 hover:underline">
        Cancel
      </button>
    </span>
  );
}
