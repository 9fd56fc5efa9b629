import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { auth } from './index';
import { getDb } from '../../db/client';
import type { MemberRole } from '../../db/queries/workspaces';
import { partnerIdsOfUser } from '../../db/queries/partners';
import { AppError } from '../errors';
import { ROLE_GROUPS } from '../server/scope';
import { resolveMerchantScope } from '../server/access';

export { resolveMerchantScope };

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}

/** Pages: send a signed-out visitor to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** Pages and layouts of the merchant console. */
export async function requireMerchant(workspaceSlug: string, roles: readonly MemberRole[] = ROLE_GROUPS.any) {
  const user = await requireUser();
  try {
    return { user, scope: await resolveMerchantScope(user.id, workspaceSlug, roles) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
}

/** Server actions: same check, but errors come back as values the form can show. */
export async function merchantScopeForAction(workspaceSlug: string, roles: readonly MemberRole[] = ROLE_GROUPS.any) {
  const user = await currentUser();
  if (!user) throw new AppError('unauthorized', 'Your session has ended; sign in again.');
  return resolveMerchantScope(user.id, workspaceSlug, roles);
}

/** Partner portal: the user's partner records across workspaces (possibly none yet). */
export async function requirePartner() {
  const user = await requireUser();
  const partners = await partnerIdsOfUser(getDb(), user.id);
  return { user, partners };
}
