import 'server-only';
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, partners, payoutBatches, payoutDetails, payoutItems, payouts, programs, users } from '../schema';
import type { BatchState, PayoutMethod, PayoutStatus } from '../../lib/domain/payouts';

// The batch page: its header and totals, its payouts (server-paged) and the entries each one pays.
// Every read names the workspace, so a batch or payout id of another tenant finds nothing.

export interface BatchHeader {
  id: string;
  reference: string;
  createdAt: Date;
  createdByName: string | null;
  createdByEmail: string | null;
  state: BatchState;
  partnersTotal: number;
  partnersDone: number;
  filters: { partnerIds?: string[]; units?: string[] };
}

export async function findBatchHeader(db: Executor, workspaceId: string, batchId: string): Promise<BatchHeader | undefined> {
  const [row] = await db
    .select({
      id: payoutBatches.id, reference: payoutBatches.reference, createdAt: payoutBatches.createdAt, createdByName: users.name, createdByEmail: users.email,
      state: payoutBatches.state, partnersTotal: payoutBatches.partnersTotal, partnersDone: payoutBatches.partnersDone, filters: payoutBatches.filters,
    })
    .from(payoutBatches)
    .leftJoin(users, eq(users.id, payoutBatches.createdBy))
    .where(and(eq(payoutBatches.workspaceId, workspaceId), eq(payoutBatches.id, batchId)));
  return row;
}

export interface BatchTotalRow {
  unit: string;
  status: PayoutStatus;
  payouts: number;
  amount: string;
}

/** Payouts and their sum per unit and status. */
export async function batchTotals(db: Executor, workspaceId: string, batchId: string): Promise<BatchTotalRow[]> {
  return db
    .select({ unit: payouts.unit, status: payouts.status, payouts: sql<number>`count(*)::int`, amount: sql<string>`sum(${payouts.amount})::text` })
    .from(payouts)
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.batchId, batchId)))
    .groupBy(payouts.unit, payouts.status)
    .orderBy(asc(payouts.unit), asc(payouts.status));
}

/** Processing payouts of the batch whose partner has no payout details on file. */
export async function batchPayoutsNeedingDetails(db: Executor, workspaceId: string, batchId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(payouts)
    .leftJoin(payoutDetails, and(eq(payoutDetails.workspaceId, payouts.workspaceId), eq(payoutDetails.partnerId, payouts.partnerId)))
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.batchId, batchId), eq(payouts.status, 'processing'), sql`${payoutDetails.partnerId} is null`));
  return row?.n ?? 0;
}

export interface BatchPayoutRow {
  id: string;
  partnerId: string;
  partnerName: string;
  partnerEmail: string;
  /** null: the partner has not entered payout details for this workspace */
  method: PayoutMethod | null;
  masked: string | null;
  amount: string;
  unit: string;
  status: PayoutStatus;
  reference: string | null;
  paidAt: Date | null;
  failureReason: string | null;
  entries: number;
}

export const BATCH_PAYOUT_SORTS = ['partner', 'amount', 'status'] as const;
export type BatchPayoutSort = (typeof BATCH_PAYOUT_SORTS)[number];

export async function listBatchPayouts(
  db: Executor,
  workspaceId: string,
  batchId: string,
  q: { page: number; pageSize: number; sort: BatchPayoutSort; dir: 'asc' | 'desc'; status?: PayoutStatus; needsDetails?: boolean },
): Promise<{ rows: BatchPayoutRow[]; total: number }> {
  const conds: SQL[] = [eq(payouts.workspaceId, workspaceId), eq(payouts.batchId, batchId)];
  if (q.status) conds.push(eq(payouts.status, q.status));
  if (q.needsDetails) conds.push(sql`${payoutDetails.partnerId} is null`);
  const where = and(...conds);
  const dir = q.dir === 'asc' ? asc : desc;
  const order = {
    partner: [dir(partners.name), asc(payouts.unit)],
    amount: [asc(payouts.unit), dir(payouts.amount), asc(partners.name)],
    status: [dir(payouts.status), asc(partners.name)],
  }[q.sort];
  const detailsJoin = and(eq(payoutDetails.workspaceId, payouts.workspaceId), eq(payoutDetails.partnerId, payouts.partnerId));
  const rows = await db
    .select({
      id: payouts.id, partnerId: payouts.partnerId, partnerName: partners.name, partnerEmail: partners.email, method: payoutDetails.method, masked: payoutDetails.masked,
      amount: payouts.amount, unit: payouts.unit, status: payouts.status, reference: payouts.reference, paidAt: payouts.paidAt, failureReason: payouts.failureReason,
      entries: sql<number>`(select count(*) from ${payoutItems} where ${payoutItems.payoutId} = ${payouts.id})::int`,
    })
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .leftJoin(payoutDetails, detailsJoin)
    .where(where)
    .orderBy(...order, asc(payouts.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(payouts).leftJoin(payoutDetails, detailsJoin).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** One payout of one batch of the workspace (the entries page's header). */
export async function findBatchPayout(db: Executor, workspaceId: string, batchId: string, payoutId: string) {
  const [row] = await db
    .select({
      id: payouts.id, partnerId: payouts.partnerId, partnerName: partners.name, amount: payouts.amount, unit: payouts.unit, status: payouts.status,
      reference: payouts.reference, paidAt: payouts.paidAt, failureReason: payouts.failureReason, batchReference: payoutBatches.reference,
    })
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.batchId, batchId), eq(payouts.id, payoutId)));
  return row;
}

export interface PayoutEntryRow {
  id: string;
  createdAt: Date;
  kind: string;
  rule: string | null;
  ruleName: string;
  programName: string | null;
  orderRef: string | null;
  amount: string;
  unit: string;
  /** the payout failed and gave this entry back to the payable balance */
  released: boolean;
}

/** The ledger entries a payout holds (or held, when it failed), oldest first. */
export async function listPayoutEntries(db: Executor, workspaceId: string, payoutId: string, q: { page: number; pageSize: number; dir: 'asc' | 'desc' }) {
  const where = and(eq(payoutItems.workspaceId, workspaceId), eq(payoutItems.payoutId, payoutId));
  const dir = q.dir === 'asc' ? asc : desc;
  const rows: PayoutEntryRow[] = await db
    .select({
      id: ledgerEntries.id, createdAt: ledgerEntries.createdAt, kind: ledgerEntries.kind, rule: ledgerEntries.rule, ruleName: ledgerEntries.ruleName,
      programName: programs.name, orderRef: ledgerEntries.orderRef, amount: ledgerEntries.amount, unit: ledgerEntries.unit, released: payoutItems.released,
    })
    .from(payoutItems)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, payoutItems.entryId))
    .leftJoin(programs, eq(programs.id, ledgerEntries.programId))
    .where(where)
    .orderBy(dir(ledgerEntries.createdAt), dir(ledgerEntries.seq))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(payoutItems).where(where);
  return { rows, total: total?.n ?? 0 };
}
