import 'server-only';
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { ledgerEntries, partners, payoutItems, payouts } from '../../schema';
import { bucketSums } from '../balances';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// GET /api/v1/balances: per partner, the §5 sums per unit, computed by the console's own bucket SQL
// (bucketSums of db/queries/balances.ts, over the same joins), for a page of partners at a time:
// partners that have entries, newest partner first, keyset on (partners.created_at, id).

const partnerKeyset: KeysetColumns = { table: partners, workspaceId: partners.workspaceId, time: partners.createdAt, id: partners.id };

export interface ApiBalanceFilters {
  partnerId?: string;
  unit?: string;
  /** entries recorded after `now` do not count yet, as on the console */
  now: Date;
}

function entryConditions(workspaceId: string, f: ApiBalanceFilters): SQL[] {
  const conds: SQL[] = [eq(ledgerEntries.workspaceId, workspaceId), lte(ledgerEntries.createdAt, f.now)];
  if (f.unit) conds.push(eq(ledgerEntries.unit, f.unit));
  return conds;
}

/** One page of partners with entries (`limit + 1` rows). */
export async function listBalancePartners(db: Executor, workspaceId: string, f: ApiBalanceFilters, page: { limit: number; startingAfter?: string }) {
  const cursor = await cursorOf(db, partnerKeyset, workspaceId, page.startingAfter);
  const hasEntries = sql`exists (select 1 from ${ledgerEntries} where ${ledgerEntries.partnerId} = ${partners.id} and ${and(...entryConditions(workspaceId, f))})`;
  return db
    .select({ id: partners.id, name: partners.name })
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), f.partnerId ? eq(partners.id, f.partnerId) : undefined, hasEntries, beforeCursor(partnerKeyset, cursor)))
    .orderBy(...newestFirst(partnerKeyset))
    .limit(page.limit + 1);
}

/** The four sums per partner and unit for these partners. */
export async function balancesOfPartners(db: Executor, workspaceId: string, partnerIds: string[], f: ApiBalanceFilters) {
  if (partnerIds.length === 0) return [];
  return db
    .select({ partnerId: ledgerEntries.partnerId, unit: ledgerEntries.unit, ...bucketSums(f.now) })
    .from(ledgerEntries)
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(...entryConditions(workspaceId, f), inArray(ledgerEntries.partnerId, partnerIds)))
    .groupBy(ledgerEntries.partnerId, ledgerEntries.unit)
    .orderBy(ledgerEntries.unit);
}
