import type { EntryKind } from '../domain/ledger';
import type { PartnerCustomer } from './partner-words';
import type { ExplainSection, JsonObject } from './types';

/**
 * What the portal knows about one of the partner's own ledger entries, all read within the
 * partner's own records: the entry, its stored explanation, and the few facts the explanation
 * does not carry. Nothing here names another partner: the builders compare partner ids with
 * `partnerId` and count the others, so no other partner's name can reach the words.
 */
export interface PartnerEntryFacts {
  /** the partner record the entry belongs to (the viewer's) */
  partnerId: string;
  kind: EntryKind;
  amount: string;
  unit: string;
  payableAt: Date | string;
  explanation: JsonObject;
  programName: string | null;
  poolName: string | null;
  /** program and group names of the entry's workspace, by id (never partner names) */
  names: Readonly<Record<string, string>>;
  /** the workspace's base currency: pool metrics and FX are in it */
  baseCurrency: string;
  customer: PartnerCustomer | null;
  /** show customers' emails whole (the workspace's show_customer_emails_to_partners); masked when absent */
  showEmails?: boolean;
  /** a reversal's or clawback's original reward (the same partner's), for the order's currency */
  original: { explanation: JsonObject; amount: string } | null;
}

/** A reward in the partner's words: one sentence for lists, sections for its "Why?" page. */
export interface PartnerExplanation {
  headline: string;
  sections: ExplainSection[];
}
