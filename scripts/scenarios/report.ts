import 'server-only';
import type { Database } from '../../db/client';
import { entriesInWrittenOrder, payoutsInBatchOrder } from '../../db/queries/ledger-report';
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

  const entries: ScenarioEntry[] = (await entriesInWrittenOrder(db, ws)).map((e) => ({
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
  const payouts: ScenarioPayout[] = (await payoutsInBatchOrder(db, ws)).map((p) => ({
    batch: p.batch, partner: partnerKey(p.partnerId)!, unit: p.unit, amount: p.amount, status: p.status,
  }));
  return { entries, balances, payouts };
}
