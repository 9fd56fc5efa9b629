import 'server-only';
import type { Database } from '../../../db/client';
import { insertNotifications, payableSinceLastSummary, type PayableSum } from '../../../db/queries/notifications';
import { dedupeKeys, type RewardPayablePayload } from './payloads';

// "A reward became payable" has no change to hang on: an entry becomes payable when its payable
// time passes. The job looks for entries that did since each partner's last summary and queues one
// summary per partner and (UTC) day with the amounts per unit. Entries that become payable later
// the same day wait for the next day's summary: the next one starts where the last one ended.

/** How far back a partner's first summary looks: older payable rewards are not news. */
const FIRST_LOOK_BACK_DAYS = 7;

export interface PayableSummaryRun {
  queued: number;
}

export async function enqueuePayableSummaries(db: Database, now: Date): Promise<PayableSummaryRun> {
  const lookBackFrom = new Date(now.getTime() - FIRST_LOOK_BACK_DAYS * 86_400_000);
  const sums = await payableSinceLastSummary(db, { now, lookBackFrom });
  const byPartner = new Map<string, PayableSum[]>();
  for (const s of sums) {
    const key = `${s.workspaceId}|${s.partnerId}`;
    byPartner.set(key, [...(byPartner.get(key) ?? []), s]);
  }
  const day = now.toISOString().slice(0, 10);
  let queued = 0;
  for (const partnerSums of byPartner.values()) {
    const { workspaceId, partnerId, since } = partnerSums[0];
    const payload: RewardPayablePayload = {
      since: since.toISOString(),
      through: now.toISOString(),
      amounts: partnerSums.map((s) => ({ unit: s.unit, amount: s.amount })),
    };
    // a summary of this day exists already (made by an earlier run, or a run at the same time): kept as it is
    queued += await insertNotifications(db, workspaceId, [{ kind: 'reward_payable', partnerId, dedupeKey: dedupeKeys.rewardPayable(partnerId, day), payload: { ...payload } }], now);
  }
  return { queued };
}
