import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { partners, workspaces } from '../schema';

/** One merchant a user works with as a partner: its partner record there and the workspace. */
export interface PortalMerchant {
  partnerId: string;
  partnerName: string;
  partnerEmail: string;
  workspaceId: string;
  slug: string;
  name: string;
  timeZone: string;
}

/**
 * Every merchant the user is a partner of (one partner record per workspace), by name. The portal's
 * workspace switcher offers exactly these, and a remembered choice is only valid if it is one of them.
 */
export async function portalMerchantsOfUser(db: Executor, userId: string): Promise<PortalMerchant[]> {
  return db
    .select({
      partnerId: partners.id,
      partnerName: partners.name,
      partnerEmail: partners.email,
      workspaceId: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      timeZone: workspaces.timeZone,
    })
    .from(partners)
    .innerJoin(workspaces, eq(workspaces.id, partners.workspaceId))
    .where(eq(partners.userId, userId))
    .orderBy(asc(workspaces.name), asc(workspaces.slug));
}
