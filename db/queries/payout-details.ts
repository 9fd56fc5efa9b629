import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { payoutDetails } from '../schema';

/** Which of these partners have payout details on file (batch preview: "needs payout details"). */
export async function partnersWithPayoutDetails(db: Executor, workspaceId: string, partnerIds: string[]): Promise<Set<string>> {
  if (partnerIds.length === 0) return new Set();
  const rows = await db
    .select({ partnerId: payoutDetails.partnerId })
    .from(payoutDetails)
    .where(and(eq(payoutDetails.workspaceId, workspaceId), inArray(payoutDetails.partnerId, partnerIds)));
  return new Set(rows.map((r) => r.partnerId));
}
