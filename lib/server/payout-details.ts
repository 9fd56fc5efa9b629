import 'server-only';
import type { Executor } from '../../db/client';
import { findPayoutDetails, listPayoutDetails, upsertPayoutDetails, type StoredPayoutDetails } from '../../db/queries/payout-details';
import { partnerIdsOfUser } from '../../db/queries/partners';
import { recordAudit } from '../../db/queries/audit';
import { maskPayoutDetails, type PayoutDetails } from '../domain/payout-details';
import type { PayoutMethod } from '../domain/payouts';
import { AppError } from '../errors';
import { decryptSecret, encryptSecret } from './secrets';

// Payout details: stored as encryptSecret(JSON.stringify(details)) with a masked one-line summary
// beside it. The console and the audit log only ever see the summary; the exports finance uploads
// to its bank read the details whole (loadPayoutDetailsForExport).

/** What the audit log keeps of a version: the method and the masked summary, never the details. */
const auditView = (row: { method: PayoutMethod; masked: string } | undefined) => (row ? { method: row.method, masked: row.masked } : null);

/**
 * Stores one partner's details in one workspace and records the change in the same transaction.
 * `actorUserId` is the partner's own user (or null for the seed). The caller has checked that the
 * partner belongs to the workspace and to the actor.
 */
export async function writePayoutDetails(
  db: Executor,
  workspaceId: string,
  partnerId: string,
  details: PayoutDetails,
  actorUserId: string | null,
  at: Date = new Date(),
): Promise<{ masked: string }> {
  const masked = maskPayoutDetails(details);
  await db.transaction(async (tx) => {
    const before = await findPayoutDetails(tx, workspaceId, partnerId, { lock: true });
    await upsertPayoutDetails(tx, workspaceId, partnerId, {
      method: details.method,
      detailsEncrypted: encryptSecret(JSON.stringify(details)),
      masked,
      updatedBy: actorUserId,
      updatedAt: at,
    });
    await recordAudit(tx, {
      workspaceId,
      actorUserId,
      action: 'payout_details.updated',
      subjectType: 'payout_details',
      subjectId: partnerId,
      before: auditView(before),
      after: auditView({ method: details.method, masked }),
      at,
    });
  });
  return { masked };
}

/**
 * The portal's save: the partner record must be one of the signed-in user's own; any other id
 * (another person's record, a record in a workspace the user is not in, no record) is "not found".
 */
export async function savePartnerPayoutDetails(db: Executor, userId: string, partnerId: string, details: PayoutDetails): Promise<{ masked: string; workspaceId: string }> {
  const own = (await partnerIdsOfUser(db, userId)).find((p) => p.id === partnerId);
  if (!own) throw new AppError('not_found', 'Partner not found.');
  const { masked } = await writePayoutDetails(db, own.workspaceId, partnerId, details, userId);
  return { masked, workspaceId: own.workspaceId };
}

export interface MaskedPayoutDetails {
  method: PayoutMethod;
  masked: string;
  updatedAt: Date;
}

// Postgres takes at most 65,535 parameters per statement; batches can name more partners than that
const CHUNK = 1000;

async function storedDetails(db: Executor, workspaceId: string, partnerIds: readonly string[]): Promise<StoredPayoutDetails[]> {
  const unique = [...new Set(partnerIds)];
  const rows: StoredPayoutDetails[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) rows.push(...(await listPayoutDetails(db, workspaceId, unique.slice(i, i + CHUNK))));
  return rows;
}

/** The console's view: partner id -> masked summary; partners without details are absent. */
export async function maskedPayoutDetails(db: Executor, workspaceId: string, partnerIds: readonly string[]): Promise<Map<string, MaskedPayoutDetails>> {
  const rows = await storedDetails(db, workspaceId, partnerIds);
  return new Map(rows.map((r) => [r.partnerId, { method: r.method, masked: r.masked, updatedAt: r.updatedAt }]));
}

function decryptDetails(row: StoredPayoutDetails): PayoutDetails {
  let details: PayoutDetails;
  try {
    details = JSON.parse(decryptSecret(row.detailsEncrypted)) as PayoutDetails;
  } catch {
    // a changed APP_ENCRYPTION_KEY / AUTH_SECRET: say whose details, never export a half-read file
    throw new AppError('internal', `The payout details of partner ${row.partnerId} cannot be decrypted (was the encryption key changed?).`);
  }
  if (details.method !== row.method) throw new AppError('internal', `The payout details of partner ${row.partnerId} do not match their method.`);
  return details;
}

/**
 * Exports only (the batch CSV, the PayPal and Wise files): partner id -> the details whole, read in
 * chunks of a thousand partners. Partners without details are absent ("needs payout details").
 */
export async function loadPayoutDetailsForExport(db: Executor, workspaceId: string, partnerIds: readonly string[]): Promise<Map<string, PayoutDetails>> {
  const rows = await storedDetails(db, workspaceId, partnerIds);
  return new Map(rows.map((r) => [r.partnerId, decryptDetails(r)]));
}
