import 'server-only';
import type { Executor } from '../../../db/client';
import { batchPayoutPages, type BatchPayoutRow } from '../../../db/queries/exports/payouts';
import type { PayoutDetails } from '../../domain/payout-details';
import { loadPayoutDetailsForExport } from '../payout-details';

export interface PayoutWithDetails {
  payout: BatchPayoutRow;
  /** absent: the partner has not entered payout details */
  details: PayoutDetails | undefined;
}

/** A batch's payouts a keyset page at a time, each with its partner's payout details decrypted. */
export async function* batchPayoutsWithDetails(db: Executor, workspaceId: string, batchId: string): AsyncGenerator<PayoutWithDetails[]> {
  for await (const page of batchPayoutPages(db, workspaceId, batchId)) {
    const details = await loadPayoutDetailsForExport(db, workspaceId, page.map((p) => p.partnerId));
    yield page.map((payout) => ({ payout, details: details.get(payout.partnerId) }));
  }
}
