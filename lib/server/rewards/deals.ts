import 'server-only';
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { dealRegistrations, enrollments } from '../../../db/schema';
import { AppError } from '../../errors';

export interface DealInput {
  partnerId: string;
  programId: string;
  match: { email?: string; emailDomain?: string; customer?: string };
  prospectName?: string;
  notes?: string;
  registeredAt: Date;
  expiresAt: Date;
}

/** A partner claims a prospect; the merchant approves or rejects it later. */
export async function registerDeal(db: Database, workspaceId: string, input: DealInput) {
  const [enrolled] = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, input.partnerId), eq(enrollments.programId, input.programId)));
  if (!enrolled) throw new AppError('invalid_input', 'The partner is not enrolled in this program.', { programId: 'partner not enrolled' });
  const { email, emailDomain, customer } = input.match;
  const [matchType, matchValue] = email
    ? (['email', email.trim().toLowerCase()] as const)
    : emailDomain
      ? (['email_domain', emailDomain.trim().toLowerCase().replace(/^@/, '')] as const)
      : customer
        ? (['customer', customer.trim()] as const)
        : (() => {
            throw new AppError('invalid_input', 'Name the prospect by email, email domain or customer id.', { match: 'is required' });
          })();
  if (input.expiresAt <= input.registeredAt) throw new AppError('invalid_input', 'The registration must expire after it is made.', { expiresAt: 'must be later' });
  const [row] = await db
    .insert(dealRegistrations)
    .values({
      workspaceId, partnerId: input.partnerId, programId: input.programId, matchType, matchValue,
      prospectName: input.prospectName ?? '', notes: input.notes ?? '', status: 'pending', registeredAt: input.registeredAt, expiresAt: input.expiresAt,
    })
    .returning({ id: dealRegistrations.id });
  return row;
}

/** Approve or reject a pending registration. An approved one counts from its registration time. */
export async function decideDeal(db: Database, workspaceId: string, dealId: string, decision: 'approved' | 'rejected', at: Date) {
  const [row] = await db
    .update(dealRegistrations)
    .set({ status: decision, decidedAt: at })
    .where(and(eq(dealRegistrations.workspaceId, workspaceId), eq(dealRegistrations.id, dealId), eq(dealRegistrations.status, 'pending')))
    .returning({ id: dealRegistrations.id });
  if (!row) throw new AppError('not_found', 'No pending deal registration with this id.');
}

/**
 * Marks registrations past their expiry as expired (a cron job and the console call this). The
 * engine already ignores expired registrations by their date; the status keeps lists honest.
 */
export async function expireDeals(db: Database, workspaceId: string, now: Date): Promise<number> {
  const rows = await db
    .update(dealRegistrations)
    .set({ status: 'expired' })
    .where(and(eq(dealRegistrations.workspaceId, workspaceId), inArray(dealRegistrations.status, ['pending', 'approved']), lte(dealRegistrations.expiresAt, now)))
    .returning({ id: dealRegistrations.id });
  return rows.length;
}
