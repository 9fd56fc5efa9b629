import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { partners, payoutDetails, workspaces } from '../schema';
import type { PayoutMethod } from '../../lib/domain/payouts';

// Payout details are stored encrypted (lib/server/payout-details.ts encrypts and decrypts); these
// queries move the ciphertext and the masked summary, never plain details.

/** Which of these partners have payout details on file (batch preview: "needs payout details"). */
export async function partnersWithPayoutDetails(db: Executor, workspaceId: string, partnerIds: string[]): Promise<Set<string>> {
  if (partnerIds.length === 0) return new Set();
  const rows = await db
    .select({ partnerId: payoutDetails.partnerId })
    .from(payoutDetails)
    .where(and(eq(payoutDetails.workspaceId, workspaceId), inArray(payoutDetails.partnerId, partnerIds)));
  return new Set(rows.map((r) => r.partnerId));
}

export interface StoredPayoutDetails {
  partnerId: string;
  method: PayoutMethod;
  detailsEncrypted: string;
  masked: string;
  updatedAt: Date;
}

const storedColumns = {
  partnerId: payoutDetails.partnerId,
  method: payoutDetails.method,
  detailsEncrypted: payoutDetails.detailsEncrypted,
  masked: payoutDetails.masked,
  updatedAt: payoutDetails.updatedAt,
};

/**
 * One partner's stored details; `lock` holds the row until the transaction ends, so the audit
 * row's "before" is the version this save replaces.
 */
export async function findPayoutDetails(db: Executor, workspaceId: string, partnerId: string, opts: { lock?: boolean } = {}): Promise<StoredPayoutDetails | undefined> {
  const query = db
    .select(storedColumns)
    .from(payoutDetails)
    .where(and(eq(payoutDetails.workspaceId, workspaceId), eq(payoutDetails.partnerId, partnerId)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

/** Stored details of these partners of one workspace (partners without any are simply absent). */
export async function listPayoutDetails(db: Executor, workspaceId: string, partnerIds: string[]): Promise<StoredPayoutDetails[]> {
  if (partnerIds.length === 0) return [];
  return db
    .select(storedColumns)
    .from(payoutDetails)
    .where(and(eq(payoutDetails.workspaceId, workspaceId), inArray(payoutDetails.partnerId, partnerIds)));
}

/** Writes (or replaces) one partner's details in one workspace. */
export async function upsertPayoutDetails(
  db: Executor,
  workspaceId: string,
  partnerId: string,
  row: { method: PayoutMethod; detailsEncrypted: string; masked: string; updatedBy: string | null; updatedAt: Date },
): Promise<void> {
  await db
    .insert(payoutDetails)
    .values({ workspaceId, partnerId, ...row })
    .onConflictDoUpdate({ target: [payoutDetails.workspaceId, payoutDetails.partnerId], set: row });
}

export interface PartnerPayoutDetailsRow {
  partnerId: string;
  workspaceId: string;
  workspaceName: string;
  /** the workspace's zone, which its dates are shown in, also in the portal */
  timeZone: string;
  method: PayoutMethod | null;
  masked: string | null;
  updatedAt: Date | null;
}

/**
 * The portal's profile: each of the signed-in user's partner records (one per workspace) with its
 * masked details, or nulls when none are on file. Scoped by the caller's own partner ids.
 */
export async function listPayoutDetailsOfPartners(db: Executor, partnerIds: string[]): Promise<PartnerPayoutDetailsRow[]> {
  if (partnerIds.length === 0) return [];
  return db
    .select({
      partnerId: partners.id,
      workspaceId: partners.workspaceId,
      workspaceName: workspaces.name,
      timeZone: workspaces.timeZone,
      method: payoutDetails.method,
      masked: payoutDetails.masked,
      updatedAt: payoutDetails.updatedAt,
    })
    .from(partners)
    .innerJoin(workspaces, eq(workspaces.id, partners.workspaceId))
    .leftJoin(payoutDetails, and(eq(payoutDetails.workspaceId, partners.workspaceId), eq(payoutDetails.partnerId, partners.id)))
    .where(inArray(partners.id, partnerIds))
    .orderBy(asc(workspaces.name), asc(partners.id));
}
