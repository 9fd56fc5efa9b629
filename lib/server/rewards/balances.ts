import 'server-only';
import type { Database } from '../../../db/client';
import { loadEntryStates } from '../../../db/queries/ledger';
import { loadWorkspaceConfig } from '../../../db/queries/reward-state';
import { computeBalances, type BalanceRow } from '../../engine';

/** §5 balances of every partner and unit of a workspace at time T. */
export async function workspaceBalances(db: Database, workspaceId: string, at: Date): Promise<BalanceRow[]> {
  const [config, entries] = await Promise.all([loadWorkspaceConfig(db, workspaceId), loadEntryStates(db, workspaceId)]);
  return computeBalances(entries, at, config.units);
}
