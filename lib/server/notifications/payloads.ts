import type { NotificationKind } from '../../domain/notifications';

// What each notification row carries: the facts of the change as they were when it committed
// (names included, so a program renamed later does not rewrite an email already queued). The
// sender adds the partner's and the merchant's names and the links when it builds the message.

export interface ApplicationDecidedPayload {
  enrollmentId: string;
  programName: string;
  decision: 'approved' | 'rejected';
  reason: string | null;
  at: string;
}

export interface RewardPayablePayload {
  /** entries that became payable after `since` and up to `through` (ISO times) */
  since: string;
  through: string;
  /** per unit, the sum of those entries still payable when the summary was made */
  amounts: { unit: string; amount: string }[];
}

export interface PayoutSentPayload {
  payoutId: string;
  amount: string;
  unit: string;
  reference: string;
  at: string;
}

export interface PayoutFailedPayload {
  payoutId: string;
  amount: string;
  unit: string;
  reason: string;
  at: string;
}

export interface DealDecidedPayload {
  dealId: string;
  prospectName: string;
  programName: string;
  decision: 'approved' | 'rejected';
  at: string;
}

export interface NotificationPayloads {
  application_decided: ApplicationDecidedPayload;
  reward_payable: RewardPayablePayload;
  payout_sent: PayoutSentPayload;
  payout_failed: PayoutFailedPayload;
  deal_decided: DealDecidedPayload;
}

/** One row to queue: the kind, its payload and the key that makes it exist once per workspace. */
export type QueuedNotification = {
  [K in NotificationKind]: { kind: K; partnerId: string; dedupeKey: string; payload: NotificationPayloads[K] };
}[NotificationKind];

/** The dedupe keys: each message exists once however often its change is replayed. */
export const dedupeKeys = {
  applicationDecided: (enrollmentId: string, statusChangeId: string) => `application_decided:${enrollmentId}:${statusChangeId}`,
  rewardPayable: (partnerId: string, day: string) => `reward_payable:${partnerId}:${day}`,
  payoutSent: (payoutId: string) => `payout_sent:${payoutId}`,
  payoutFailed: (payoutId: string) => `payout_failed:${payoutId}`,
  dealDecided: (dealId: string) => `deal_decided:${dealId}`,
};
