/** Output types of event decisions: what the persistence layer writes in one transaction. */
import type { GroupDecision } from './groups';
import type { Json, NewLedgerEntry } from './ledger';
import type { CustomerBinding } from './types';

export type UsageMarker =
  | { type: 'per_customer'; programId: string; customerId: string }
  | { type: 'milestone'; programId: string; customerId: string; name: string };

/**
 * Revenue an order credits to a partner in a program, whether or not a reward resulted; the
 * input of `revenue` pool metrics. Stored per (order, program, partner).
 */
export interface OrderCredit {
  orderId: string;
  programId: string;
  partnerId: string;
  share: string;
  /** The order's qualifying revenue for the program, in base currency. */
  qualifyingRevenueBase: string;
  /** qualifyingRevenueBase × share. */
  creditedRevenueBase: string;
  at: string;
}

export interface EventRewardDecision {
  eventId: string;
  /** Bindings this event creates (customer was unbound in the program). */
  newBindings: CustomerBinding[];
  entries: NewLedgerEntry[];
  /** Rewards a program group dropped; not to be written to the ledger, only for audit. */
  droppedEntries: NewLedgerEntry[];
  groupDecisions: GroupDecision[];
  usage: UsageMarker[];
  /** Per program: the attribution account, even when nothing was paid. */
  programs: { programId: string; explanation: { [key: string]: Json } }[];
}

export interface OrderRewardDecision extends EventRewardDecision {
  credits: OrderCredit[];
}
