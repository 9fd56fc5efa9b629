import type { PartnerShare } from './attribution';
import type { ProgramCredit } from './binding';
import { findEnrollment } from './eligibility';
import type { Json, NewLedgerEntry } from './ledger';
import { formatRatio, sumRatios, timesRatio } from './ratio';
import { ruleParams, valueRule, type RewardBasis } from './rules';
import { splitByLargestRemainder } from './split';
import { addDays, toIso } from './time';
import type { ProgramConfig, RewardContext, RewardRule } from './types';
import { formatAmount, roundToPrecision, type UnitInfo } from './units';

export interface ProgramRewardInput {
  ctx: RewardContext;
  program: ProgramConfig;
  unit: UnitInfo;
  credit: ProgramCredit;
  basis: RewardBasis;
  eventId: string;
  orderId: string | null;
  /** Event-level facts (amounts, FX) shared by every entry's explanation. */
  eventExplanation: { [key: string]: Json };
}

interface RuleSet {
  source: 'program' | 'enrollment';
  rules: RewardRule[];
  partners: PartnerShare[];
}

/**
 * Partners with a special agreement are computed apart, each with its own rules at its own share;
 * everybody else shares the program's rules (§4.5).
 */
function ruleSets(input: ProgramRewardInput): RuleSet[] {
  const regular: PartnerShare[] = [];
  const sets: RuleSet[] = [];
  for (const partner of input.credit.credited) {
    const own = findEnrollment(input.ctx.enrollments, partner.partnerId, input.program.id)?.rewards;
    if (own) sets.push({ source: 'enrollment', rules: own, partners: [partner] });
    else regular.push(partner);
  }
  if (regular.length > 0) sets.unshift({ source: 'program', rules: input.program.rewards, partners: regular });
  return sets;
}

/** Every rule set that applies to a credited partner (a milestone is used up if any pays it). */
export function rulesInForce(input: ProgramRewardInput): RewardRule[] {
  return ruleSets(input).flatMap((set) => set.rules);
}

/**
 * Commission entries of one program for one event: each rule's total for the set's combined share
 * is computed at full precision, rounded half-up once, and split by largest remainder so the parts
 * add up to the rounded total exactly. Zero parts create no entry.
 */
export function computeProgramRewards(input: ProgramRewardInput): NewLedgerEntry[] {
  const { program, unit, basis } = input;
  const payableAt = toIso(addDays(basis.atMs, program.holdDays));
  const entries: NewLedgerEntry[] = [];
  for (const set of ruleSets(input)) {
    const setShare = sumRatios(set.partners.map((p) => p.share));
    set.rules.forEach((rule, ruleIndex) => {
      const value = valueRule(rule, basis);
      if (value.amount.isZero()) return;
      const exact = timesRatio(value.amount, setShare);
      const total = roundToPrecision(exact, unit.precision);
      if (total.isZero()) return;
      const parts = splitByLargestRemainder(total, unit.precision, set.partners.map((p) => p.share));
      parts.forEach((part, i) => {
        if (part.isZero()) return;
        const partner = set.partners[i];
        entries.push({
          partnerId: partner.partnerId,
          kind: 'commission',
          amount: formatAmount(part, unit.precision),
          unit: unit.key,
          programId: program.id,
          poolId: null,
          period: null,
          rule: rule.type,
          ruleIndex,
          ruleSource: set.source,
          eventId: input.eventId,
          orderId: input.orderId,
          milestoneName: rule.type === 'milestone' ? rule.name : null,
          payableAt,
          reversesEntryId: null,
          explanation: {
            ...input.eventExplanation,
            programId: program.id,
            attribution: input.credit.explanation,
            rule: { ...ruleParams(rule), index: ruleIndex, source: set.source, appliedTo: value.note },
            computation: {
              ruleAmountAtFullShare: value.amount.toFixed(),
              combinedShare: formatRatio(setShare),
              exactTotal: exact.toFixed(),
              roundedTotal: formatAmount(total, unit.precision),
              partnerShare: formatRatio(partner.share),
              splitAmong: set.partners.map((p) => p.partnerId),
              method: 'round_half_up_then_largest_remainder',
            },
            holdDays: program.holdDays,
          },
        });
      });
    });
  }
  return entries;
}
