import 'server-only';
import type { Database } from '../../db/client';
import { partnerIdsOfUser } from '../../db/queries/partners';
import { findPartnerProfileFields, updatePartnerProfileFields, type PartnerProfile, type PartnerProfilePatch } from '../../db/queries/partner-profile';
import { recordAudit } from '../../db/queries/audit';
import { AppError } from '../errors';
import type { Json } from '../engine';

// The partner's profile is kept per merchant: each workspace has its own partner record, and a save
// changes the record of the merchant the partner is looking at. Its merchant reads it on the
// console's partner page, and the change is in that merchant's audit log.

const EDITABLE = ['name', 'company', 'website', 'taxCountry', 'notificationPrefs'] as const;
type Editable = (typeof EDITABLE)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changed keys only, with their old and new values: what the audit row keeps. */
function changesOf(before: PartnerProfile, patch: PartnerProfilePatch) {
  const was: { [key: string]: Json } = {};
  const now: { [key: string]: Json } = {};
  for (const key of EDITABLE) {
    if (!(key in patch)) continue;
    const next = patch[key as Editable];
    // a kind the patch does not name keeps its stored value; compare the merged map
    const merged = key === 'notificationPrefs' ? { ...before.notificationPrefs, ...(next as Record<string, boolean>) } : next;
    if (same(before[key], merged)) continue;
    was[key] = (before[key] ?? null) as Json;
    now[key] = (merged ?? null) as Json;
  }
  return { was, now, changed: Object.keys(now).length > 0 };
}

/**
 * Saves part of the profile of one of the signed-in user's own partner records. Any other id
 * (another person's record, a workspace the user is not in) is "not found". The row is locked,
 * changed and audited (`partner.profile_updated`, the changed keys before and after) in one
 * transaction; a save that changes nothing writes nothing.
 */
export async function savePartnerProfile(
  db: Database,
  userId: string,
  partnerId: string,
  patch: PartnerProfilePatch,
  at: Date = new Date(),
): Promise<{ changed: boolean; workspaceId: string }> {
  const own = (await partnerIdsOfUser(db, userId)).find((p) => p.id === partnerId);
  if (!own) throw new AppError('not_found', 'Partner not found.');
  const changed = await db.transaction(async (tx) => {
    const before = await findPartnerProfileFields(tx, own.workspaceId, partnerId, { lock: true });
    if (!before) throw new AppError('not_found', 'Partner not found.');
    const diff = changesOf(before, patch);
    if (!diff.changed) return false;
    const merged: PartnerProfilePatch = { ...patch };
    if (patch.notificationPrefs) merged.notificationPrefs = { ...before.notificationPrefs, ...patch.notificationPrefs };
    await updatePartnerProfileFields(tx, own.workspaceId, partnerId, merged);
    await recordAudit(tx, {
      workspaceId: own.workspaceId, actorUserId: userId, action: 'partner.profile_updated', subjectType: 'partner', subjectId: partnerId, at,
      before: diff.was, after: diff.now,
      // the subject's name in the audit list: the name after the change
      data: { name: merged.name ?? before.name },
    });
    return true;
  });
  return { changed, workspaceId: own.workspaceId };
}
