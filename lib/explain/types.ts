import type { Json } from '../engine';

/** A stored explanation as read back from jsonb: plain JSON, keys as the engine wrote them. */
export type JsonObject = { [key: string]: Json };

/** One sentence of an explanation. `tone` lets the page set refusals and drops apart. */
export interface Line {
  text: string;
  tone?: 'refused' | 'good' | 'muted';
  /** a ledger entry the sentence is about (a reversal's original), for the page to link */
  entryId?: string;
  /** the link's words when not the page's default ("Why?") */
  entryLabel?: string;
}

export interface ExplainSection {
  key: string;
  title: string;
  lines: Line[];
}

/**
 * What turns ids into words. `names` maps ids to display names; the partner portal passes "you"
 * and "another partner" for partner ids, so nobody else's name reaches a partner.
 */
export interface ExplainContext {
  names: Readonly<Record<string, string>>;
  /** the entry's unit, for amounts the explanation stores without one */
  unit?: string;
}
