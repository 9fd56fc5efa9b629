/** Output types: ledger entries the engine decides, and the entry state it reads back. */
import type { RuleType } from './types';
import type { LivePayoutStatus } from '../domain/payouts';

export type { EntryKind } from '../domain/ledger';
import type { EntryKind } from '../domain/ledger';

/** Plain JSON; Decimals appear as strings. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Explanation = { [key: string]: Json };

export interface NewLedgerEntry {
  partnerId: string;
  kind: EntryKind;
  /** Signed plain decimal with exactly the unit's precision. */
  amount: string;
  unit: string;
  programId: string | null;
  poolId: string | null;
  /** Pool period ("2026-Q1") for bonus entries. */
  period: string | null;
  rule: RuleType | null;
  /** Position of the rule in its rule list, to tell two rules of one type apart. */
  ruleIndex: number | null;
  /** Whether the rule came from the program or from the partner's special agreement. */
  ruleSource: 'program' | 'enrollment' | null;
  eventId: string | null;
  orderId: string | null;
  milestoneName: string | null;
  payableAt: string;
  reversesEntryId: string | null;
  explanation: Explanation;
}

/** a payout that still holds its entries (a failed one releases them) */
export type PayoutStatus = LivePayoutStatus;

/** A stored entry as the engine needs to read it back. Entries of a failed payout have payout null. */
export interface LedgerEntryState {
  id: string;
  partnerId: string;
  kind: EntryKind;
  amount: string;
  unit: string;
  programId: string | null;
  rule: RuleType | null;
  orderId: string | null;
  payableAt: string | Date;
  reversesEntryId: string | null;
  payout: { id: string; status: PayoutStatus } | null;
  /** When the entry was written; balances "at T" ignore entries created after T. */
  createdAt?: string | Date;
}
