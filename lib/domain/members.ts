// Who may change which membership: the one set of rules the members service enforces and the
// members page reads to decide which controls to show, so a page never offers a change its action
// would refuse. Owners and admins manage members; only an owner makes, demotes or removes an owner
// (an admin could otherwise promote itself and take the workspace over). Anyone may leave. That a
// workspace always keeps an owner is checked by the service under a lock, not here.

import { ROLE_GROUPS, roleCan, type MemberRole } from './roles';

export const INVITATION_TTL_DAYS = 7;

/** The roles an actor may give by inviting or by changing a role (none for finance and viewers). */
export function rolesGrantableBy(actor: MemberRole): MemberRole[] {
  if (actor === 'owner') return [...ROLE_GROUPS.any];
  if (actor === 'admin') return ['admin', 'finance', 'viewer'];
  return [];
}

/** Why the actor may not invite someone with this role, or null when it may. */
export function inviteRefusal(actor: MemberRole, role: MemberRole): string | null {
  if (!roleCan(actor, 'manage')) return `Your role (${actor}) cannot invite members; ask an owner or admin.`;
  if (!rolesGrantableBy(actor).includes(role)) return 'Only an owner can invite another owner.';
  return null;
}

/** Why the actor may not give the target this role, or null when it may. */
export function roleChangeRefusal(actor: MemberRole, target: MemberRole, role: MemberRole): string | null {
  if (!roleCan(actor, 'manage')) return `Your role (${actor}) cannot change roles; ask an owner or admin.`;
  if (target === 'owner' && actor !== 'owner') return "Only an owner can change an owner's role.";
  if (!rolesGrantableBy(actor).includes(role)) return 'Only an owner can make someone an owner.';
  return null;
}

/** Why the actor may not remove the target, or null when it may. Leaving (yourself) is always allowed here. */
export function removalRefusal(actor: MemberRole, target: MemberRole, isSelf: boolean): string | null {
  if (isSelf) return null;
  if (!roleCan(actor, 'manage')) return `Your role (${actor}) cannot remove members; ask an owner or admin.`;
  if (target === 'owner' && actor !== 'owner') return 'Only an owner can remove an owner.';
  return null;
}

/** What a change would leave: a workspace with no owner nobody could ever manage again. */
export function leavesNoOwner(target: MemberRole, newRole: MemberRole | null, ownerCount: number): boolean {
  return target === 'owner' && newRole !== 'owner' && ownerCount <= 1;
}
