'use client';

import { inviteMemberAction } from '@/lib/actions/members';
import type { MemberRole } from '@/lib/domain/roles';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';

/** Invite by email with one of the roles the caller may give; the link is mailed (or logged without SMTP). */
export function InviteForm({ workspaceSlug, roles }: { workspaceSlug: string; roles: MemberRole[] }) {
  return (
    <ActionForm action={inviteMemberAction.bind(null, workspaceSlug)} submitLabel="Send invitation" pendingLabel="Sending…">
      {(f) => (
        <>
          <Field label="Email" name="email" type="email" autoComplete="off" required error={f.email} />
          <SelectField label="Role" name="role" options={roles.map((r) => ({ value: r, label: r }))} defaultValue={roles.includes('viewer') ? 'viewer' : roles[0]} error={f.role} />
        </>
      )}
    </ActionForm>
  );
}
