import 'server-only';
import type { Executor } from '../../db/client';
import { statementTotals } from '../../db/queries/statement';
import type { StatementWindow } from '../../db/queries/statement-movements';
import { Decimal } from '../engine/decimal';
import type { StatementPeriod } from './statements-period';

// A partner's statement for one merchant and period (docs/exports.md, "Partner statement"):
// per unit, the balance at the period's opening, what was earned (entries recorded, reversals and
// clawbacks included) and paid out (payouts paid) during it, and the balance at its closing.
// balance(T) = Σ entries recorded before T − Σ payouts paid before T, so
// opening + earned − paid out = closing, and a closing taken now equals the dashboard's
// pending + payable + processing.

export interface StatementParty {
  partnerId: string;
  workspaceId: string;
}

export interface StatementUnitSummary {
  unit: string;
  opening: string;
  /** net of the period's entries (commissions and bonuses minus reversals and clawbacks) */
  earned: string;
  /** the period's paid payouts, as a positive amount */
  paidOut: string;
  closing: string;
}

export interface StatementSummary {
  window: StatementWindow;
  units: StatementUnitSummary[];
}

/**
 * The instants a period's balances are taken at: the start of `from` and the end of `to`, neither
 * later than now (a period that has not ended yet closes at the moment the statement is made).
 */
export function statementWindow(party: StatementParty, period: StatementPeriod, now: Date): StatementWindow {
  const clamp = (at: Date) => (at.getTime() > now.getTime() ? now : at);
  return { workspaceId: party.workspaceId, partnerId: party.partnerId, opening: clamp(period.start), closing: clamp(period.end) };
}

export async function statementSummary(db: Executor, party: StatementParty, period: StatementPeriod, now: Date): Promise<StatementSummary> {
  const window = statementWindow(party, period, now);
  const totals = await statementTotals(db, window.workspaceId, window.partnerId, window.opening, window.closing);
  const units = totals.map((t) => {
    const opening = new Decimal(t.earnedBeforeOpening).minus(t.paidBeforeOpening);
    const closing = new Decimal(t.earnedBeforeClosing).minus(t.paidBeforeClosing);
    return {
      unit: t.unit,
      opening: opening.toFixed(),
      earned: new Decimal(t.earnedBeforeClosing).minus(t.earnedBeforeOpening).toFixed(),
      paidOut: new Decimal(t.paidBeforeClosing).minus(t.paidBeforeOpening).toFixed(),
      closing: closing.toFixed(),
    };
  });
  return { window, units };
}
