// Events: what a sender may post, what became of it, and who sent it. The order of each list is its
// Postgres enum's: append, never reorder.

export const EVENT_TYPES = ['order', 'refund', 'milestone'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_STATUSES = ['received', 'processed', 'rejected'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** api: the signed storefront endpoint; seed and scenario: the demo and the scenario runner. */
export const EVENT_SOURCES = ['api', 'stripe', 'shopify', 'manual', 'seed', 'scenario'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface EventResultEntry {
  id: string;
  partnerId: string;
  programId: string | null;
  kind: string;
  rule: string | null;
  amount: string;
  unit: string;
}

/**
 * What the sender gets back (events.result), stored with the event so every repeat of it gets the
 * very same answer.
 */
export interface EventResult {
  id: string;
  type: EventType;
  status: 'processed';
  entries: EventResultEntry[];
}

/** One program's attribution account for an event, as the engine wrote it (stored with the event). */
export interface EventProgramAccount {
  programId: string;
  explanation: { [key: string]: unknown };
}
