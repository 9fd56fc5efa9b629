import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, payouts } from '../schema';

// A partner's statement balances (docs/exports.md, "Partner statement"): at an instant T, per unit,
//   balance(T) = Σ entries recorded before T (every kind, whatever their status)
//              − Σ payouts paid before T.
// Entries are immutable and a paid payout is never settled again, so a past balance never changes,
// and opening + the period's movements (entries recorded, payouts paid) = closing, exactly.

export interface StatementTotals {
  unit: string;
  /** Σ entries recorded before the opening / the closing instant */
  earnedBeforeOpening: string;
  earnedBeforeClosing: string;
  /** Σ payouts paid before the opening / the closing instant */
  paidBeforeOpening: string;
  paidBeforeClosing: string;
}

/**
 * Both instants' sums per unit for one partner, in two aggregate queries (entries, paid payouts),
 * each reading the partner's rows up to the closing instant once.
 */
export async function statementTotals(db: Executor, workspaceId: string, partnerId: string, opening: Date, closing: Date): Promise<StatementTotals[]> {
  const [earned, paid] = await Promise.all([
    db
      .select({
        unit: ledgerEntries.unit,
        before: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.createdAt} < ${opening}), 0)::text`,
        upTo: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)::text`,
      })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.partnerId, partnerId), lt(ledgerEntries.createdAt, closing)))
      .groupBy(ledgerEntries.unit),
    db
      .select({
        unit: payouts.unit,
        before: sql<string>`coalesce(sum(${payouts.amount}) filter (where ${payouts.paidAt} < ${opening}), 0)::text`,
        upTo: sql<string>`coalesce(sum(${payouts.amount}), 0)::text`,
      })
      .from(payouts)
      .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.partnerId, partnerId), eq(payouts.status, 'paid'), lt(payouts.paidAt, closing)))
      .groupBy(payouts.unit),
  ]);
  const byUnit = new Map<string, StatementTotals>();
  const row = (unit: string) => {
    let r = byUnit.get(unit);
    if (!r) byUnit.set(unit, (r = { unit, earnedBeforeOpening: '0', earnedBeforeClosing: '0', paidBeforeOpening: '0', paidBeforeClosing: '0' }));
    return r;
  };
  for (const e of earned) Object.assign(row(e.unit), { earnedBeforeOpening: e.before, earnedBeforeClosing: e.upTo });
  for (const p of paid) Object.assign(row(p.unit), { paidBeforeOpening: p.before, paidBeforeClosing: p.upTo });
  return [...byUnit.values()].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}
