import 'server-only';
import type { Database } from '../../../db/client';
import {
  decidePendingDeal,
  expireOverdueDeals,
  expireOverdueDealsForAllWorkspaces,
  insertDeal,
  partnerIsEnrolled,
} from '../../../db/queries/deals';
import { recordAudit } from '../../../db/queries/audit';
import type { DealMatchType } from '../../domain/deals';
import { AppError } from '../../errors';
import { enqueueDealDecided } from '../notifications/enqueue';
import { enqueueWebhooks } from '../webhooks/outbox';
import { dealData } from '../webhooks/payloads';

export interface DealInput {
  partnerId: string;
  programId: string;
  match: { email?: string; emailDomain?: string; customer?: string };
  prospectName?: string;
  notes?: string;
  registeredAt: Date;
  expiresAt: Date;
}

/** The stored form of a prospect: lower-cased emails and domains, as attribution compares them. */
function matchOf(match: DealInput['match']): { matchType: DealMatchType; matchValue: string } {
  if (match.email) return { matchType: 'email', matchValue: match.email.trim().toLowerCase() };
  if (match.emailDomain) return { matchType: 'email_domain', matchValue: match.emailDomain.trim().toLowerCase().replace(/^@/, '') };
  if (match.customer) return { matchType: 'customer', matchValue: match.customer.trim() };
  throw new AppError('invalid_input', 'Name the prospect by email, email domain or customer id.', { match: 'is required' });
}

/** A partner claims a prospect; the merchant approves or rejects it later. */
export async function registerDeal(db: Database, workspaceId: string, input: DealInput): Promise<{ id: string }> {
  if (!(await partnerIsEnrolled(db, workspaceId, input.partnerId, input.programId))) {
    throw new AppError('invalid_input', 'The partner is not enrolled in this program.', { programId: 'partner not enrolled' });
  }
  const match = matchOf(input.match);
  if (input.expiresAt <= input.registeredAt) throw new AppError('invalid_input', 'The registration must expire after it is made.', { expiresAt: 'must be later' });
  const deal = {
    partnerId: input.partnerId, programId: input.programId, ...match,
    prospectName: input.prospectName ?? '', notes: input.notes ?? '', registeredAt: input.registeredAt, expiresAt: input.expiresAt,
  };
  return db.transaction(async (tx) => {
    const { id } = await insertDeal(tx, workspaceId, deal);
    await enqueueWebhooks(tx, workspaceId, 'deal.registered', [dealData({ id, status: 'pending', ...deal })], input.registeredAt);
    return { id };
  });
}

/**
 * Approve or reject a pending registration. An approved one counts from its registration time.
 * One that has passed its expiry cannot be decided: its expiry is persisted in the same
 * transaction (committed even though the decision is refused), so the stored status agrees
 * with what every read already shows.
 */
export async function decideDeal(
  db: Database,
  workspaceId: string,
  dealId: string,
  decision: 'approved' | 'rejected',
  at: Date,
  /** the member who decides; scenarios and scripts pass none */
  actorUserId: string | null = null,
): Promise<{ id: string; prospectName: string }> {
  const decided = await db.transaction(async (tx) => {
    await expireOverdueDeals(tx, workspaceId, at, [dealId]);
    const deal = await decidePendingDeal(tx, workspaceId, dealId, decision, at);
    if (deal) {
      await recordAudit(tx, {
        workspaceId, actorUserId, action: `deal.${decision}`, subjectType: 'deal', subjectId: deal.id,
        before: { status: 'pending' }, after: { status: decision },
        data: { name: deal.prospectName, partnerId: deal.partnerId, programId: deal.programId, matchType: deal.matchType, matchValue: deal.matchValue },
      });
      await enqueueDealDecided(tx, workspaceId, deal.id, decision, at);
      await enqueueWebhooks(tx, workspaceId, 'deal.decided', [dealData({ ...deal, status: decision, decidedAt: at })], at);
    }
    return deal;
  });
  if (!decided) throw new AppError('not_found', 'No pending deal registration with this id.');
  return decided;
}

/**
 * Persists the expiry of a workspace's registrations past their date. Reads already derive it and
 * the engine judges deals by their dates, so this only keeps the stored status honest.
 */
export async function expireDeals(db: Database, workspaceId: string, now: Date): Promise<number> {
  return expireOverdueDeals(db, workspaceId, now);
}

/** The scheduled expiry job (app/api/jobs/expire-deals, the dev ticker): every workspace at once; idempotent. */
export async function runDealExpiryJob(db: Database, now: Date): Promise<{ expired: number }> {
  return { expired: await expireOverdueDealsForAllWorkspaces(db, now) };
}
