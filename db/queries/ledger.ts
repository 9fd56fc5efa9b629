import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { customerRewardUsages, groupPayments, ledgerEntries, orderCredits, orderRefunds, payoutItems, payouts } from '../schema';
import type { GroupDecision, LedgerEntryState, NewLedgerEntry, OrderCredit, PoolCredit, PoolRefund, UsageMarker } from '../../lib/engine';

export interface EntryLinks {
  workspaceId: string;
  /** our events.id for entries an event caused */
  eventId: string | null;
  customerId: string | null;
  createdAt: Date;
}

/** Writes engine-decided entries; replays are stopped earlier by the event's unique sender id. */
export async function insertEntries(db: Executor, entries: NewLedgerEntry[], links: EntryLinks) {
  if (entries.length === 0) return [];
  return db
    .insert(ledgerEntries)
    .values(
      entries.map((e) => ({
        workspaceId: links.workspaceId,
        partnerId: e.partnerId,
        programId: e.programId,
        poolId: e.poolId,
        poolPeriod: e.period,
        eventId: links.eventId,
        customerId: links.customerId,
        orderRef: e.orderId,
        kind: e.kind,
        rule: e.rule,
        ruleName: e.milestoneName ?? '',
        ruleIndex: e.ruleIndex ?? 0,
        ruleSource: e.ruleSource ?? 'program',
        amount: e.amount,
        unit: e.unit,
        payableAt: new Date(e.payableAt),
        reversesEntryId: e.reversesEntryId,
        explanation: e.explanation,
        createdAt: links.createdAt,
      })),
    )
    .returning({ id: ledgerEntries.id, partnerId: ledgerEntries.partnerId, programId: ledgerEntries.programId, kind: ledgerEntries.kind, rule: ledgerEntries.rule, amount: ledgerEntries.amount, unit: ledgerEntries.unit });
}

export async function insertUsage(db: Executor, workspaceId: string, customerId: string, eventId: string, usage: UsageMarker[], at: Date) {
  if (usage.length === 0) return;
  await db
    .insert(customerRewardUsages)
    .values(usage.map((u) => ({ workspaceId, customerId, programId: u.programId, rule: u.type, name: u.type === 'milestone' ? u.name : '', eventId, usedAt: at })))
    .onConflictDoNothing();
}

export async function insertGroupPayments(db: Executor, workspaceId: string, eventId: string, decisions: GroupDecision[]) {
  if (decisions.length === 0) return;
  await db
    .insert(groupPayments)
    .values(decisions.map((d) => ({ workspaceId, eventId, partnerId: d.partnerId, groupId: d.groupId, programId: d.paidBy })));
}

export async function insertOrderCredits(db: Executor, workspaceId: string, eventId: string, credits: OrderCredit[]) {
  if (credits.length === 0) return;
  await db.insert(orderCredits).values(
    credits.map((c) => ({
      workspaceId, eventId, orderRef: c.orderId, programId: c.programId, partnerId: c.partnerId, share: c.share,
      qualifyingRevenueBase: c.qualifyingRevenueBase, creditedRevenueBase: c.creditedRevenueBase, at: new Date(c.at),
    })),
  );
}

/** An entry with the payout that currently holds it (released items of failed payouts excluded). */
const entryStateColumns = {
  id: ledgerEntries.id,
  partnerId: ledgerEntries.partnerId,
  kind: ledgerEntries.kind,
  amount: ledgerEntries.amount,
  unit: ledgerEntries.unit,
  programId: ledgerEntries.programId,
  rule: ledgerEntries.rule,
  orderId: ledgerEntries.orderRef,
  payableAt: ledgerEntries.payableAt,
  reversesEntryId: ledgerEntries.reversesEntryId,
  createdAt: ledgerEntries.createdAt,
  payoutId: payouts.id,
  payoutStatus: payouts.status,
};

type EntryRow = { [K in keyof typeof entryStateColumns]: (typeof entryStateColumns)[K]['_']['data'] | null } & {
  id: string; partnerId: string; kind: LedgerEntryState['kind']; amount: string; unit: string; payableAt: Date; createdAt: Date;
};

function toEntryState({ payoutId, payoutStatus, ...entry }: EntryRow): LedgerEntryState {
  // a failing payout releases its items, so the join finds none; a failed status never holds an entry
  const live = payoutId && payoutStatus && payoutStatus !== 'failed' ? { id: payoutId, status: payoutStatus } : null;
  return { ...entry, payout: live };
}

export async function loadEntryStates(db: Executor, workspaceId: string, filter: { orderRef?: string; onlyUnpaid?: boolean } = {}) {
  const conds = [eq(ledgerEntries.workspaceId, workspaceId)];
  if (filter.orderRef) conds.push(eq(ledgerEntries.orderRef, filter.orderRef));
  if (filter.onlyUnpaid) conds.push(isNull(payoutItems.entryId));
  const rows = await db
    .select(entryStateColumns)
    .from(ledgerEntries)
    .leftJoin(payoutItems, and(eq(payoutItems.entryId, ledgerEntries.id), eq(payoutItems.released, false)))
    .leftJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(...conds));
  return rows.map(toEntryState);
}

export async function refundedSoFar(db: Executor, workspaceId: string, orderRef: string): Promise<string> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${orderRefunds.appliedAmount}), 0)::text` })
    .from(orderRefunds)
    .where(and(eq(orderRefunds.workspaceId, workspaceId), eq(orderRefunds.orderRef, orderRef)));
  return row?.total ?? '0';
}

export async function insertOrderRefund(db: Executor, r: { workspaceId: string; eventId: string; orderRef: string; at: Date; appliedAmount: string; fraction: string }) {
  await db.insert(orderRefunds).values(r);
}

export async function loadPoolCredits(db: Executor, workspaceId: string, programIds: string[], until: Date): Promise<PoolCredit[]> {
  if (programIds.length === 0) return [];
  const rows = await db
    .select({ orderId: orderCredits.orderRef, programId: orderCredits.programId, partnerId: orderCredits.partnerId, creditedRevenueBase: orderCredits.creditedRevenueBase, at: orderCredits.at })
    .from(orderCredits)
    .where(and(eq(orderCredits.workspaceId, workspaceId), inArray(orderCredits.programId, programIds), sql`${orderCredits.at} < ${until}`));
  return rows;
}

export async function loadPoolRefunds(db: Executor, workspaceId: string, from: Date, until: Date): Promise<PoolRefund[]> {
  return db
    .select({ orderId: orderRefunds.orderRef, at: orderRefunds.at, fraction: orderRefunds.fraction })
    .from(orderRefunds)
    .where(and(eq(orderRefunds.workspaceId, workspaceId), sql`${orderRefunds.at} >= ${from}`, sql`${orderRefunds.at} < ${until}`));
}
