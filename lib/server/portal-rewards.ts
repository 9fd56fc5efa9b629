import 'server-only';
import type { Executor } from '../../db/client';
import { findEntry, listPartnerLedger, type LedgerListQuery, type LedgerRow } from '../../db/queries/ledger-list';
import { portalEntryFacts, type PortalEntryRow } from '../../db/queries/portal-entries';
import { explainEntryForPartner, type PartnerExplanation } from '../explain/partner-entry';
import type { JsonObject } from '../explain/types';

// The portal's rewards: the partner's own ledger entries, each with its plain-words explanation.
// Everything is read through the caller's partner ids, so another partner's entry is not found.

type Facts = Awaited<ReturnType<typeof portalEntryFacts>>;

function explain(row: PortalEntryRow, facts: Facts): PartnerExplanation {
  const original = row.reversesEntryId ? facts.originals.get(row.reversesEntryId) : undefined;
  return explainEntryForPartner({
    partnerId: row.partnerId, kind: row.kind, amount: row.amount, unit: row.unit, payableAt: row.payableAt,
    explanation: row.explanation as JsonObject, programName: row.programName, poolName: row.poolName,
    names: facts.names.get(row.workspaceId) ?? {}, baseCurrency: row.baseCurrency,
    // the customer model holds an email only; a name or company would join here when it has them
    customer: row.customerEmail ? { email: row.customerEmail } : null,
    showEmails: row.showCustomerEmails,
    original: original ? { explanation: original.explanation as JsonObject, amount: original.amount } : null,
  });
}

export type PortalRewardRow = LedgerRow & { headline: string };

/** One page of the partner's rewards, newest first by default, each with its sentence. */
export async function partnerRewardsPage(db: Executor, partnerIds: readonly string[], q: LedgerListQuery) {
  const { rows, total } = await listPartnerLedger(db, partnerIds, q);
  const facts = await portalEntryFacts(db, partnerIds, rows.map((r) => r.id));
  const byId = new Map(facts.rows.map((r) => [r.id, r]));
  const withWords: PortalRewardRow[] = rows.map((r) => {
    const row = byId.get(r.id);
    return { ...r, headline: row ? explain(row, facts).headline : '' };
  });
  return { rows: withWords, total };
}

/** One of the partner's own rewards with its explanation; undefined for anyone else's id. */
export async function partnerRewardDetail(db: Executor, partnerIds: readonly string[], entryId: string) {
  const entry = await findEntry(db, { partnerIds }, entryId);
  if (!entry) return undefined;
  const facts = await portalEntryFacts(db, partnerIds, [entryId]);
  const [row] = facts.rows;
  if (!row) return undefined;
  const { headline, sections } = explain(row, facts);
  // what the page shows: the words replace the stored explanation, and "you" replaces any name
  return {
    id: entry.id, kind: entry.kind, amount: entry.amount, unit: entry.unit, createdAt: entry.createdAt, payableAt: entry.payableAt,
    payoutStatus: entry.payoutStatus, workspaceName: entry.workspaceName, programName: entry.programName, poolName: entry.poolName,
    poolPeriod: entry.poolPeriod, headline, sections,
  };
}
