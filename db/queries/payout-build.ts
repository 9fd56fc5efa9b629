import 'server-only';
import { and, asc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, partners, payoutBatches, payoutItems } from '../schema';
import type { LedgerEntryState } from '../../lib/engine';

// What a payout batch is built from, one chunk of partners at a time (lib/server/rewards/payout-build.ts).
// A batch takes, per partner and unit, the entries payable at its creation time that no live payout
// holds; partners are walked in id order so a build can stop after any chunk and resume at its cursor.

export interface BatchScope {
  /** the batch's time: entries recorded later or payable later are not taken */
  at: Date;
  partnerIds?: string[];
  units?: string[];
}

/** Entries a batch at `at` may take: payable then, recorded by then, held by no live payout. */
function takeableEntries(workspaceId: string, scope: BatchScope): SQL[] {
  const conds: SQL[] = [
    eq(ledgerEntries.workspaceId, workspaceId),
    lte(ledgerEntries.payableAt, scope.at),
    lte(ledgerEntries.createdAt, scope.at),
    sql`not exists (select 1 from ${payoutItems} where ${payoutItems.entryId} = ${ledgerEntries.id} and ${payoutItems.released} = false)`,
  ];
  if (scope.partnerIds) conds.push(inArray(ledgerEntries.partnerId, scope.partnerIds.length ? scope.partnerIds : [NO_PARTNER]));
  if (scope.units) conds.push(inArray(ledgerEntries.unit, scope.units.length ? scope.units : ['']));
  return conds;
}

// matches no partner: a batch limited to an empty list takes nothing rather than everything
const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

/** The next `limit` partners after `cursor` (id order) that have entries the batch may take. */
export async function nextPartnersToPay(db: Executor, workspaceId: string, scope: BatchScope, cursor: string | null, limit: number): Promise<string[]> {
  const conds = takeableEntries(workspaceId, scope);
  if (cursor) conds.push(gt(ledgerEntries.partnerId, cursor));
  const rows = await db
    .selectDistinct({ partnerId: ledgerEntries.partnerId })
    .from(ledgerEntries)
    .where(and(...conds))
    .orderBy(asc(ledgerEntries.partnerId))
    .limit(limit);
  return rows.map((r) => r.partnerId);
}

/** The entries of these partners a batch may take, as the engine's entry states (held by nothing). */
export async function takeableEntriesOf(db: Executor, workspaceId: string, scope: BatchScope, partnerIds: string[]): Promise<LedgerEntryState[]> {
  if (partnerIds.length === 0) return [];
  const rows = await db
    .select({
      id: ledgerEntries.id, partnerId: ledgerEntries.partnerId, kind: ledgerEntries.kind, amount: ledgerEntries.amount, unit: ledgerEntries.unit,
      programId: ledgerEntries.programId, rule: ledgerEntries.rule, orderId: ledgerEntries.orderRef, payableAt: ledgerEntries.payableAt,
      reversesEntryId: ledgerEntries.reversesEntryId, createdAt: ledgerEntries.createdAt,
    })
    .from(ledgerEntries)
    .where(and(...takeableEntries(workspaceId, scope), inArray(ledgerEntries.partnerId, partnerIds)))
    // a stable order, so a plan (and its fingerprint) lists each payout's entries the same way every time
    .orderBy(asc(ledgerEntries.partnerId), asc(ledgerEntries.seq));
  return rows.map((r) => ({ ...r, payout: null }));
}

export interface BatchBuildState {
  id: string;
  reference: string;
  createdAt: Date;
  createdBy: string | null;
  filters: { partnerIds?: string[]; units?: string[] };
  state: 'building' | 'ready';
  partnersTotal: number;
  partnersDone: number;
  buildCursor: string | null;
}

const buildColumns = {
  id: payoutBatches.id, reference: payoutBatches.reference, createdAt: payoutBatches.createdAt, createdBy: payoutBatches.createdBy,
  filters: payoutBatches.filters, state: payoutBatches.state, partnersTotal: payoutBatches.partnersTotal, partnersDone: payoutBatches.partnersDone,
  buildCursor: payoutBatches.buildCursor,
};

export async function readBatchBuild(db: Executor, workspaceId: string, batchId: string): Promise<BatchBuildState | undefined> {
  const [row] = await db.select(buildColumns).from(payoutBatches).where(and(eq(payoutBatches.workspaceId, workspaceId), eq(payoutBatches.id, batchId)));
  return row;
}

/** A batch of the workspace still being built (at most one: confirming waits for it), if any. */
export async function buildingBatchOf(db: Executor, workspaceId: string): Promise<BatchBuildState | undefined> {
  const [row] = await db
    .select(buildColumns)
    .from(payoutBatches)
    .where(and(eq(payoutBatches.workspaceId, workspaceId), eq(payoutBatches.state, 'building')))
    .orderBy(asc(payoutBatches.createdAt))
    .limit(1);
  return row;
}

/** Records one built chunk: the cursor moves past its last partner; `ready` ends the build. */
export async function advanceBatchBuild(db: Executor, workspaceId: string, batchId: string, step: { cursor: string | null; partners: number; ready: boolean }) {
  await db
    .update(payoutBatches)
    .set({
      buildCursor: step.cursor,
      partnersDone: sql`${payoutBatches.partnersDone} + ${step.partners}`,
      ...(step.ready ? { state: 'ready' as const, partnersTotal: sql`greatest(${payoutBatches.partnersTotal}, ${payoutBatches.partnersDone} + ${step.partners})` } : {}),
    })
    .where(and(eq(payoutBatches.workspaceId, workspaceId), eq(payoutBatches.id, batchId)));
}

/**
 * Every batch left `building`, in every workspace, oldest first: the build job resumes them after a
 * restart. Deliberately cross-tenant (like the deal expiry job); each batch is then built in its
 * own workspace's scope.
 */
export async function buildingBatchesOfAllWorkspaces(db: Executor, limit = 100): Promise<{ id: string; workspaceId: string }[]> {
  return db
    .select({ id: payoutBatches.id, workspaceId: payoutBatches.workspaceId })
    .from(payoutBatches)
    .where(eq(payoutBatches.state, 'building'))
    .orderBy(asc(payoutBatches.createdAt))
    .limit(limit);
}

/** Names of these partners of the workspace (a preview chunk's rows). */
export async function partnerNamesOf(db: Executor, workspaceId: string, partnerIds: string[]): Promise<Map<string, { name: string; email: string }>> {
  if (partnerIds.length === 0) return new Map();
  const rows = await db
    .select({ id: partners.id, name: partners.name, email: partners.email })
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), inArray(partners.id, partnerIds)));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}
