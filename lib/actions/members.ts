'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { inviteMember, revokeInvitation } from '../server/invitations';
import { changeMemberRole, removeMember } from '../server/members';
import { appOrigin } from '../server/app-origin';
import { formatDate } from '../time';
import { changeMemberRoleSchema, inviteMemberSchema, removeMemberSchema, revokeInvitationSchema } from '../validation/members';
import { merchantAction } from './define';

// Settings → Members. Inviting, revoking and changing roles need owner or admin; the services
// refine that (only owners touch owners). Removing is open to every member because anyone may leave;
// the service refuses removing someone else without the role.

const membersPath = (slug: string) => `/m/${slug}/settings/members`;

export const inviteMemberAction = merchantAction({
  roles: 'manage',
  input: inviteMemberSchema,
  run: async ({ scope, input, db }) => {
    const invited = await inviteMember(db, scope, input, await appOrigin());
    revalidatePath(membersPath(scope.workspaceSlug));
    const again = invited.replaced ? ' It replaces the earlier invitation, whose link no longer works.' : '';
    return {
      ok: true,
      message: `Invitation sent to ${invited.email} as ${invited.role}. The link works once, until ${formatDate(invited.expiresAt, scope.timeZone)}.${again}`,
    };
  },
});

export const revokeInvitationAction = merchantAction({
  roles: 'manage',
  input: revokeInvitationSchema,
  run: async ({ scope, input, db }) => {
    const { email } = await revokeInvitation(db, scope, input.invitationId);
    revalidatePath(membersPath(scope.workspaceSlug));
    return { ok: true, message: `Invitation for ${email} revoked; its link no longer works.` };
  },
});

export const changeMemberRoleAction = merchantAction({
  roles: 'manage',
  input: changeMemberRoleSchema,
  run: async ({ scope, input, db }) => {
    const result = await changeMemberRole(db, scope, input);
    revalidatePath(`/m/${scope.workspaceSlug}`, 'layout');
    return { ok: true, message: result.changed ? `${result.name} is now ${result.role}.` : `${result.name} already is ${result.role}.` };
  },
});

export const removeMemberAction = merchantAction({
  roles: 'any',
  input: removeMemberSchema,
  run: async ({ scope, input, db }) => {
    const result = await removeMember(db, scope, input.memberId);
    // having left, this console is closed to the caller: go wherever else they belong
    if (result.left) redirect('/home');
    revalidatePath(membersPath(scope.workspaceSlug));
    return { ok: true, message: `${result.name} (${result.email}) was removed from the workspace.` };
  },
});
