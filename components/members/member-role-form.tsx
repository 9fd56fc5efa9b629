'use client';

import { useState, type FormEvent } from 'react';
import { changeMemberRoleAction } from '@/lib/actions/members';
import type { MemberRole } from '@/lib/domain/roles';
import { useMemberAction } from './notices';

/** A member's role with the roles the caller may give (lib/domain/members.ts decides which). */
export function MemberRoleForm({ workspaceSlug, memberId, memberName, role, options }: { workspaceSlug: string; memberId: string; memberName: string; role: MemberRole; options: MemberRole[] }) {
  const [value, setValue] = useState<MemberRole>(role);
  const [pending, run] = useMemberAction(changeMemberRoleAction.bind(null, workspaceSlug));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run({ memberId, role: value });
  };
  const id = `role-${memberId}`;
  return (
    <form onSubmit={submit} className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">Role of {memberName}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value as MemberRole)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm"
      >
        {options.map((r) => (
          <option key={r} value={r}>{r}</option>
        ))}
      </select>
      <button type="submit" disabled={pending || value === role} className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline">
        {pending ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
