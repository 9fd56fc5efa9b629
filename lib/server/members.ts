import 'server-only';
import type { Database, Executor } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import { deleteMember, findMemberForUpdate, findMembershipOfUser, lockOwners, setMemberRole, type MemberRow } from '../../db/queries/members';
import { leavesNoOwner, removalRefusal, roleChangeRefusal } from '../domain/members';
import type { MemberRole } from '../domain/roles';
import { AppError } from '../errors';
import type { MerchantScope } from './scope';

// Role changes and removals. Each runs in one transaction that first locks the workspace's owner
// rows (db/queries/members.ts lockOwners), so changes of one workspace's members happen one at a
// time and the last owner check counts committed owners: two owners demoting each other at the
// same moment cannot both succeed. The caller's own role is read again under that lock.

const who = (m: MemberRow) => m.name ?? m.email;

interface Locked {
  actor: MemberRow;
  target: MemberRow;
  owners: string[];
}

async function lockChange(tx: Executor, scope: MerchantScope, memberId: string): Promise<Locked> {
  // members are people's business: an API key has no membership to act from
  if (!scope.userId) throw new AppError('forbidden', 'Members are managed by a signed-in owner or admin.');
  const owners = await lockOwners(tx, scope.workspaceId);
  const actor = await findMembershipOfUser(tx, scope.workspaceId, scope.userId);
  // removed from the workspace while this request was on its way: like any other stranger
  if (!actor) throw new AppError('not_found', 'Workspace not found.');
  const target = await findMemberForUpdate(tx, scope.workspaceId, memberId);
  if (!target) throw new AppError('not_found', 'Member not found.');
  return { actor, target, owners };
}

const lastOwner = (target: MemberRow) =>
  new AppError('conflict', `${who(target)} is the workspace's last owner. Make another member owner first.`);

const snapshot = (m: MemberRow, role: MemberRole = m.role) => ({ email: m.email, role });

export async function changeMemberRole(db: Database, scope: MerchantScope, input: { memberId: string; role: MemberRole }) {
  return db.transaction(async (tx) => {
    const { actor, target, owners } = await lockChange(tx, scope, input.memberId);
    const refusal = roleChangeRefusal(actor.role, target.role, input.role);
    if (refusal) throw new AppError('forbidden', refusal);
    if (target.role === input.role) return { name: who(target), role: input.role, changed: false };
    if (leavesNoOwner(target.role, input.role, owners.length)) throw lastOwner(target);
    await setMemberRole(tx, scope.workspaceId, target.memberId, input.role);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actorUserId: scope.userId,
      action: 'member.role_changed',
      subjectType: 'member',
      subjectId: target.memberId,
      before: snapshot(target),
      after: snapshot(target, input.role),
    });
    return { name: who(target), role: input.role, changed: true };
  });
}

/** Removes a member, or lets a member leave (removing itself); the last owner can do neither. */
export async function removeMember(db: Database, scope: MerchantScope, memberId: string) {
  return db.transaction(async (tx) => {
    const { actor, target, owners } = await lockChange(tx, scope, memberId);
    const isSelf = target.userId === scope.userId;
    const refusal = removalRefusal(actor.role, target.role, isSelf);
    if (refusal) throw new AppError('forbidden', refusal);
    if (leavesNoOwner(target.role, null, owners.length)) throw lastOwner(target);
    await deleteMember(tx, scope.workspaceId, target.memberId);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actorUserId: scope.userId,
      action: 'member.removed',
      subjectType: 'member',
      subjectId: target.memberId,
      before: snapshot(target),
      after: null,
      data: isSelf ? { left: true } : {},
    });
    return { name: who(target), email: target.email, left: isSelf };
  });
}
