import 'server-only';
import { getDb } from '../../db/client';
import { findMembership } from '../../db/queries/workspaces';
import { ROLE_GROUPS, type MemberRole } from '../domain/roles';
import { AppError } from '../errors';
import type { MerchantScope } from './scope';

/**
 * Resolves the caller's scope in a workspace. A workspace the caller is not a member of is a 404,
 * exactly like one that does not exist, so ids of other tenants reveal nothing.
 */
export async function resolveMerchantScope(
  userId: string,
  workspaceSlug: string,
  roles: readonly MemberRole[] = ROLE_GROUPS.any,
): Promise<MerchantScope> {
  const membership = await findMembership(getDb(), userId, workspaceSlug);
  if (!membership) throw new AppError('not_found', 'Workspace not found.');
  if (!roles.includes(membership.role)) {
    throw new AppError('forbidden', `Your role (${membership.role}) cannot do this; ask an owner or admin.`);
  }
  return {
    workspaceId: membership.workspaceId,
    workspaceSlug: membership.slug,
    userId,
    role: membership.role,
    baseCurrency: membership.baseCurrency,
    timeZone: membership.timeZone,
  };
}
