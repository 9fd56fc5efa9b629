import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers, ledgerEntries, pools, programs, workspaces } from '../schema';
import { idsIn, namesForIds } from './names';
import type { Explanation } from '../../lib/engine';

// The partner portal's reads behind "Why?": an entry's explanation with what it does not carry (the
// customer's email, the workspace's base currency, a reversal's original reward, program and group
// names), always limited to the caller's own partner records.

// no partner record matches this: an empty id list finds nothing instead of everything
const NO_PARTNER = '00000000-0000-0000-0000-000000000000';
const own = (partnerIds: readonly string[]) => inArray(ledgerEntries.partnerId, partnerIds.length ? [...partnerIds] : [NO_PARTNER]);

export interface PortalEntryRow {
  id: string;
  partnerId: string;
  workspaceId: string;
  kind: 'commission' | 'reversal' | 'clawback' | 'bonus';
  amount: string;
  unit: string;
  payableAt: Date;
  explanation: Explanation;
  reversesEntryId: string | null;
  programName: string | null;
  poolName: string | null;
  baseCurrency: string;
  customerEmail: string | null;
  /** the workspace's choice: partners see customers' emails whole (else masked) */
  showCustomerEmails: boolean;
}

/**
 * The caller's own entries among `entryIds` with the facts their explanations need. Originals of
 * reversals are read with the same partner filter (a reversal always reverses its own partner's
 * entry); names cover programs and groups only, never partners.
 */
export async function portalEntryFacts(db: Executor, partnerIds: readonly string[], entryIds: readonly string[]) {
  if (entryIds.length === 0) return { rows: [] as PortalEntryRow[], originals: new Map<string, { explanation: Explanation; amount: string }>(), names: new Map<string, Record<string, string>>() };
  const rows: PortalEntryRow[] = await db
    .select({
      id: ledgerEntries.id, partnerId: ledgerEntries.partnerId, workspaceId: ledgerEntries.workspaceId, kind: ledgerEntries.kind,
      amount: ledgerEntries.amount, unit: ledgerEntries.unit, payableAt: ledgerEntries.payableAt, explanation: ledgerEntries.explanation,
      reversesEntryId: ledgerEntries.reversesEntryId, programName: programs.name, poolName: pools.name, baseCurrency: workspaces.baseCurrency,
      customerEmail: customers.email, showCustomerEmails: workspaces.showCustomerEmailsToPartners,
    })
    .from(ledgerEntries)
    .innerJoin(workspaces, eq(workspaces.id, ledgerEntries.workspaceId))
    .leftJoin(programs, eq(programs.id, ledgerEntries.programId))
    .leftJoin(pools, eq(pools.id, ledgerEntries.poolId))
    .leftJoin(customers, and(eq(customers.id, ledgerEntries.customerId), eq(customers.workspaceId, ledgerEntries.workspaceId)))
    .where(and(own(partnerIds), inArray(ledgerEntries.id, [...entryIds])));

  const originalIds = rows.flatMap((r) => (r.reversesEntryId ? [r.reversesEntryId] : []));
  const originals = new Map<string, { explanation: Explanation; amount: string }>();
  if (originalIds.length) {
    const found = await db
      .select({ id: ledgerEntries.id, explanation: ledgerEntries.explanation, amount: ledgerEntries.amount })
      .from(ledgerEntries)
      .where(and(own(partnerIds), inArray(ledgerEntries.id, originalIds)));
    for (const o of found) originals.set(o.id, { explanation: o.explanation, amount: o.amount });
  }

  const names = new Map<string, Record<string, string>>();
  for (const workspaceId of new Set(rows.map((r) => r.workspaceId))) {
    const { otherNames } = await namesForIds(db, workspaceId, idsIn(rows.filter((r) => r.workspaceId === workspaceId).map((r) => r.explanation)));
    names.set(workspaceId, otherNames);
  }
  return { rows, originals, names };
}
