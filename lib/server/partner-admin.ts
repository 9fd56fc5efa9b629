import 'server-only';
import type { Database } from '../../db/client';
import { insertPartnerRecord, type NewPartnerRecord } from '../../db/queries/api/partners';
import { findPartnerProfileFields, updatePartnerProfileFields, type PartnerProfilePatch } from '../../db/queries/partner-profile';
import { recordAudit } from '../../db/queries/audit';
import type { Json } from '../engine';
import { AppError } from '../errors';
import type { MerchantScope } from './scope';

// The merchant's side of partner records (the REST API; the console has no form for it yet): add a
// partner before the person has an account, and correct its name, company, website or tax
// country. The email is fixed once created: it is how the person's account claims the record.

/** Adds a partner record without an account; the person claims it by joining with this email. */
export async function createPartnerRecord(db: Database, scope: MerchantScope, input: NewPartnerRecord, at: Date) {
  return db.transaction(async (tx) => {
    const row = await insertPartnerRecord(tx, scope.workspaceId, input);
    if (!row) throw new AppError('conflict', 'This workspace already has a partner with this email.', { email: 'already a partner of this workspace' });
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'partner.created', subjectType: 'partner', subjectId: row.id, at,
      before: null,
      after: { email: input.email.toLowerCase(), name: input.name, company: input.company, website: input.website, taxCountry: input.taxCountry },
      data: { name: input.name },
    });
    return row;
  });
}

export type PartnerRecordPatch = Partial<Pick<PartnerProfilePatch, 'name' | 'company' | 'website' | 'taxCountry'>>;

const FIELDS = ['name', 'company', 'website', 'taxCountry'] as const;

/**
 * Changes the given fields of one of the workspace's partners (null clears an optional one). The
 * row is locked, changed and audited (`partner.profile_updated`, the changed keys before and after,
 * as when the partner edits its own profile) in one transaction; a patch that changes nothing
 * writes nothing.
 */
export async function updatePartnerRecord(db: Database, scope: MerchantScope, partnerId: string, patch: PartnerRecordPatch, at: Date): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const before = await findPartnerProfileFields(tx, scope.workspaceId, partnerId, { lock: true });
    if (!before) throw new AppError('not_found', 'Partner not found.');
    const was: { [key: string]: Json } = {};
    const now: { [key: string]: Json } = {};
    const changes: PartnerRecordPatch = {};
    for (const key of FIELDS) {
      const next = patch[key];
      if (next === undefined || next === before[key]) continue;
      was[key] = before[key];
      now[key] = next;
      Object.assign(changes, { [key]: next });
    }
    if (Object.keys(now).length === 0) return { changed: false };
    await updatePartnerProfileFields(tx, scope.workspaceId, partnerId, changes);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'partner.profile_updated', subjectType: 'partner', subjectId: partnerId, at,
      before: was, after: now,
      data: { name: changes.name ?? before.name },
    });
    return { changed: true };
  });
}
