import 'server-only';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { ledgerEntries, partners, payoutItems, payouts } from '../../schema';
import { bucketSums } from '../balances';
import { EXPORT_PAGE_SIZE } from './page';

// The balances CSV: pending, payable, processing and paid per partner and unit at `now`, with the
// same §5 sums as the payouts page (db/queries/balances.ts). Partners are read in keyset pages of
// (name, id) and only their entries are summed, so a page costs one index range per partner.

export interface BalanceExportRow {
  partnerId: string;
  partnerName: string;
  partnerEmail: string;
  unit: string;
  pending: string;
  payable: string;
  processing: string;
  paid: string;
}

async function sumsOf(db: Executor, workspaceId: string, partnerIds: string[], now: Date) {
  return db
    .select({ partnerId: ledgerEntries.partnerId, unit: ledgerEntries.unit, ...bucketSums(now) })
    .from(ledgerEntries)
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), inArray(ledgerEntries.partnerId, partnerIds), lte(ledgerEntries.createdAt, now)))
    .groupBy(ledgerEntries.partnerId, ledgerEntries.unit)
    .orderBy(ledgerEntries.partnerId, ledgerEntries.unit);
}

/** Every partner with entries, by name, one row per unit; partners without entries have no row. */
export async function* balanceExportPages(db: Executor, workspaceId: string, now: Date, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<BalanceExportRow[]> {
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const page: { id: string; name: string; email: string }[] = await db
      .select({ id: partners.id, name: partners.name, email: partners.email })
      .from(partners)
      .where(and(eq(partners.workspaceId, workspaceId), after ? sql`(${partners.name}, ${partners.id}) > (${after.name}, ${after.id}::uuid)` : undefined))
      .orderBy(asc(partners.name), asc(partners.id))
      .limit(pageSize);
    if (page.length > 0) {
      const byPartner = new Map<string, Awaited<ReturnType<typeof sumsOf>>>();
      for (const s of await sumsOf(db, workspaceId, page.map((p) => p.id), now)) {
        const list = byPartner.get(s.partnerId);
        if (list) list.push(s);
        else byPartner.set(s.partnerId, [s]);
      }
      const rows = page.flatMap((p) => (byPartner.get(p.id) ?? []).map((s) => ({ ...s, partnerName: p.name, partnerEmail: p.email })));
      if (rows.length > 0) yield rows;
    }
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { name: last.name, id: last.id };
  }
}
