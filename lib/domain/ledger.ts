// Ledger entries: what kind of movement an entry is, where its rule came from, and the balance
// buckets (SPEC §5) an entry falls into. The order of ENTRY_KINDS is the Postgres enum's: append,
// never reorder.

export const ENTRY_KINDS = ['commission', 'bonus', 'reversal', 'clawback'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** A commission's rule came from the program, or from the partner's special agreement. */
export const RULE_SOURCES = ['program', 'enrollment'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];

/** Where an entry stands at a time: the engine's balanceBucket and the dashboards' SQL agree on it. */
export const BALANCE_BUCKETS = ['pending', 'payable', 'processing', 'paid'] as const;
export type BalanceBucket = (typeof BALANCE_BUCKETS)[number];
