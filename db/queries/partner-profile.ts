import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { partners } from '../schema';

// A partner's profile fields on its record in one workspace: what the partner edits in the portal
// and the console's partner page shows. Every function takes the workspace.

export interface PartnerProfile {
  name: string;
  email: string;
  company: string | null;
  website: string | null;
  taxCountry: string | null;
  /** kind -> wanted; a kind that is absent is on (lib/domain/notifications.ts) */
  notificationPrefs: Record<string, boolean>;
}

const profileColumns = {
  name: partners.name,
  email: partners.email,
  company: partners.company,
  website: partners.website,
  taxCountry: partners.taxCountry,
  notificationPrefs: partners.notificationPrefs,
};

/** One partner's profile; `lock` holds the row until the transaction ends (a save reads before it writes). */
export async function findPartnerProfileFields(db: Executor, workspaceId: string, partnerId: string, opts: { lock?: boolean } = {}): Promise<PartnerProfile | undefined> {
  const query = db
    .select(profileColumns)
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export type PartnerProfilePatch = Partial<Pick<PartnerProfile, 'name' | 'company' | 'website' | 'taxCountry' | 'notificationPrefs'>>;

export async function updatePartnerProfileFields(db: Executor, workspaceId: string, partnerId: string, patch: PartnerProfilePatch): Promise<void> {
  await db.update(partners).set(patch).where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
}
