import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { ledgerEntries, payoutBatches, payouts } from '../../db/schema';
import { workspaceBalances } from '../../lib/server/rewards/balances';
import type { ScenarioBalance, ScenarioEntry, ScenarioPayout } from './format';
import type { ScenarioIds } from './setup';

/** Reads the ledger, balances and payouts back from the database in the scenario's own shapes. */
export async function reportScenario(db: Database, ids: ScenarioIds, balancesAt: Date) {
  const keyOf = (map: Map<string, string>) => {
    const reverse = new Map([...map].map(([k, v]) => [v, k]));
    return (id: string | null) => (id ? (reverse.get(id) ?? id) : undefined);
  };
  const partnerKey = keyOf(ids.partners);
  const programKey = keyOf(ids.programs);
  const poolKey = keyOf(ids.pools);
  const ws = ids.workspaceId;

  const rows = await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, ws)).orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
  const entries: ScenarioEntry[] = rows.map((e) => ({
    partner: partnerKey(e.partnerId)!,
    ...(e.programId ? { program: programKey(e.programId) } : {}),
    ...(e.poolId ? { pool: poolKey(e.poolId), period: e.poolPeriod ?? undefined } : {}),
    kind: e.kind,
    ...(e.rule ? { rule: e.rule } : {}),
    ...(e.orderRef ? { order: e.orderRef } : {}),
    amount: e.amount,
    unit: e.unit,
  }));
  const balances: ScenarioBalance[] = (await workspaceBalances(db, ws, balancesAt)).map((b) => ({
    partner: partnerKey(b.partnerId)!, unit: b.unit, pending: b.pending, payable: b.payable, processing: b.processing, paid: b.paid,
  }));
  const payoutRows = await db
    .select({ batch: payoutBatches.reference, partnerId: payouts.partnerId, unit: payouts.unit, amount: payouts.amount, status: payouts.status })
    .from(payouts)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(eq(payouts.workspaceId, ws))
    .orderBy(asc(payoutBatches.createdAt), asc(payouts.id));
  const payoutList: ScenarioPayout[] = payoutRows.map((p) => ({ batch: p.batch, partner: partnerKey(p.partnerId)!, unit: p.unit, amount: p.amount, status: p.status }));
  return { entries, balances, payouts: payoutList };
}
