import { resolveProgramCredit } from './binding';
import { Decimal } from './decimal';
import type { EventRewardDecision, UsageMarker } from './decisions';
import { unitValueInBase } from './fx';
import { applyProgramGroups } from './groups';
import type { NewLedgerEntry } from './ledger';
import { computeProgramRewards, rulesInForce } from './program-rewards';
import { toIso, toMs } from './time';
import type { CustomerBinding, MilestoneEvent, RewardContext } from './types';
import { resolveUnit, type UnitInfo } from './units';

/**
 * A milestone (go-live, contract signed) pays each program's matching milestone rule once per
 * customer, program and name, to whoever the program credits — normally the binding. Milestones
 * are attributed like orders so that the first crediting event binds, whichever type it is.
 */
export function computeMilestoneRewards(ctx: RewardContext, milestone: MilestoneEvent): EventRewardDecision {
  const atMs = toMs(milestone.occurredAt);
  const subject = { customer: milestone.customer, signals: milestone, atMs };
  const newBindings: CustomerBinding[] = [];
  const usage: UsageMarker[] = [];
  const programs: EventRewardDecision['programs'] = [];
  const allEntries: NewLedgerEntry[] = [];
  const units = new Map<string, UnitInfo>();

  for (const program of ctx.programs.filter((p) => p.active !== false)) {
    const unit = resolveUnit(program.unit, ctx.workspace.units);
    units.set(program.id, unit);
    const credit = resolveProgramCredit(ctx, program, subject);
    programs.push({ programId: program.id, explanation: credit.explanation });
    if (credit.newBinding) newBindings.push(credit.newBinding);
    if (credit.credited.length === 0) continue;

    const milestoneUsed = ctx.usage.milestonesUsed.some((m) => m.programId === program.id && m.name === milestone.name);
    const basis = {
      event: 'milestone' as const,
      atMs,
      boundAtMs: credit.boundAt,
      hasQualifyingLine: false,
      nonRecurringRevenue: new Decimal(0),
      recurringRevenue: new Decimal(0),
      perCustomerUsed: true,
      milestoneName: milestone.name,
      milestoneUsed,
    };
    const input = {
      ctx,
      program,
      unit,
      credit,
      basis,
      eventId: milestone.id,
      orderId: null,
      eventExplanation: {
        event: { type: 'milestone', id: milestone.id, name: milestone.name, at: toIso(atMs), customerId: milestone.customer.externalId },
      },
    };
    const hasRule = rulesInForce(input).some((r) => r.type === 'milestone' && r.name === milestone.name);
    if (hasRule && !milestoneUsed) {
      usage.push({ type: 'milestone', programId: program.id, customerId: milestone.customer.externalId, name: milestone.name });
    }
    allEntries.push(...computeProgramRewards(input));
  }

  // Valued lazily: only a highest_reward group needs FX, and only for its candidates.
  const grouped = applyProgramGroups(allEntries, ctx.groups, (e) =>
    new Decimal(e.amount).times(unitValueInBase(ctx.workspace, units.get(e.programId!)!, atMs)),
  );
  return {
    eventId: milestone.id,
    newBindings,
    entries: grouped.kept,
    droppedEntries: grouped.dropped,
    groupDecisions: grouped.decisions,
    usage,
    programs,
  };
}
