import { Decimal } from './decimal';
import { addCalendarMonths, toIso } from './time';
import type { RewardRule } from './types';

/**
 * What one program knows about the event when valuing its rules. Revenue is already in the
 * program's unit at full precision; nothing here is rounded.
 */
export interface RewardBasis {
  event: 'order' | 'milestone';
  atMs: number;
  /** Binding time of the customer in the program (for recurring_share durations). */
  boundAtMs: number | null;
  hasQualifyingLine: boolean;
  nonRecurringRevenue: Decimal;
  recurringRevenue: Decimal;
  perCustomerUsed: boolean;
  milestoneName: string | null;
  milestoneUsed: boolean;
}

export interface RuleValue {
  /** The rule's reward for a share of 1, unrounded; zero when the rule does not apply. */
  amount: Decimal;
  /** Why the rule yields nothing (for the explanation), or the quantity it was applied to. */
  note: string;
}

const ZERO = new Decimal(0);

function percentOf(percent: string, revenue: Decimal): Decimal {
  return revenue.times(percent).div(100);
}

/** §4.5: each rule's reward at share 1. Shares are applied by the caller. */
export function valueRule(rule: RewardRule, basis: RewardBasis): RuleValue {
  const isOrder = basis.event === 'order';
  switch (rule.type) {
    case 'one_time_share':
      if (!isOrder) return { amount: ZERO, note: 'not_an_order' };
      return { amount: percentOf(rule.percent, basis.nonRecurringRevenue), note: `revenue ${basis.nonRecurringRevenue.toFixed()}` };
    case 'recurring_share': {
      if (!isOrder) return { amount: ZERO, note: 'not_an_order' };
      if (rule.durationMonths != null && basis.boundAtMs != null) {
        // eventTime < bindingTime + durationMonths calendar months.
        const endsAt = addCalendarMonths(basis.boundAtMs, rule.durationMonths);
        if (basis.atMs >= endsAt) return { amount: ZERO, note: `duration_ended ${toIso(endsAt)}` };
      }
      return { amount: percentOf(rule.percent, basis.recurringRevenue), note: `revenue ${basis.recurringRevenue.toFixed()}` };
    }
    case 'per_customer':
      if (!isOrder || !basis.hasQualifyingLine) return { amount: ZERO, note: 'no_qualifying_line' };
      if (basis.perCustomerUsed) return { amount: ZERO, note: 'per_customer_used' };
      return { amount: new Decimal(rule.amount), note: 'first_qualifying_order' };
    case 'per_order':
      if (!isOrder || !basis.hasQualifyingLine) return { amount: ZERO, note: 'no_qualifying_line' };
      return { amount: new Decimal(rule.amount), note: 'qualifying_order' };
    case 'milestone':
      if (basis.event !== 'milestone' || basis.milestoneName !== rule.name) return { amount: ZERO, note: 'other_milestone' };
      if (basis.milestoneUsed) return { amount: ZERO, note: 'milestone_used' };
      return { amount: new Decimal(rule.amount), note: `milestone ${rule.name}` };
  }
}

export function ruleParams(rule: RewardRule): { [key: string]: string | number | null } {
  return { ...rule };
}
