import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '../../db/client';
import { portalMerchantsOfUser, type PortalMerchant } from '../../db/queries/portal-dashboard-scope';
import { requireUser, type SessionUser } from '../auth/guards';
import { AppError } from '../errors';
import { choosePortalMerchant, PORTAL_WORKSPACE_COOKIE } from '../domain/portal-workspace';

export type { PortalMerchant };
export { PORTAL_WORKSPACE_COOKIE };

/**
 * What every portal page reads: the merchant the partner chose (remembered in a cookie) and its one
 * partner record there. Pages query with `partner.id` and `workspace.id` only, so a partner of two
 * merchants never sees them merged; `merchants` is for the switcher.
 */
export interface PortalScope {
  user: SessionUser;
  partner: { id: string; name: string; email: string };
  workspace: { id: string; slug: string; name: string; timeZone: string };
  merchants: PortalMerchant[];
}

function scopeOf(user: SessionUser, chosen: PortalMerchant, merchants: PortalMerchant[]): PortalScope {
  return {
    user,
    partner: { id: chosen.partnerId, name: chosen.partnerName, email: chosen.partnerEmail },
    workspace: { id: chosen.workspaceId, slug: chosen.slug, name: chosen.name, timeZone: chosen.timeZone },
    merchants,
  };
}

/**
 * The scope for a user, or null when the user is not a partner anywhere yet. The cookie is only a
 * request: it is checked against the user's own partner records on every read, and a stale or
 * foreign slug falls back to the first merchant (never an error, never another user's data).
 * Works in pages, route handlers and server actions (all can read cookies).
 */
export async function loadPortalScope(user: SessionUser): Promise<PortalScope | null> {
  const merchants = await portalMerchantsOfUser(getDb(), user.id);
  const remembered = (await cookies()).get(PORTAL_WORKSPACE_COOKIE)?.value;
  const chosen = choosePortalMerchant(merchants, remembered);
  return chosen ? scopeOf(user, chosen, merchants) : null;
}

/**
 * Portal pages: the signed-in user's chosen merchant. Someone who has not joined any program yet is
 * sent to /p, which explains how to join (that page uses loadPortalScope and shows the empty state).
 */
export async function requirePortalScope(): Promise<PortalScope> {
  const user = await requireUser();
  const scope = await loadPortalScope(user);
  if (!scope) redirect('/p');
  return scope;
}

/**
 * Route handlers and actions that name a merchant explicitly (`?workspace=<slug>`): the user's own
 * partner record there, or not found; unlike the cookie, an explicit slug never falls back.
 */
export async function portalScopeForSlug(user: SessionUser, slug: string): Promise<PortalScope> {
  const merchants = await portalMerchantsOfUser(getDb(), user.id);
  const chosen = merchants.find((m) => m.slug === slug);
  if (!chosen) throw new AppError('not_found', 'Workspace not found.');
  return scopeOf(user, chosen, merchants);
}
