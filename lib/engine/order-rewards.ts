import { resolveProgramCredit } from './binding';
import { Decimal } from './decimal';
import type { OrderCredit, OrderRewardDecision, UsageMarker } from './decisions';
import { EngineError } from './errors';
import { assertOrderRatesAvailable, requireFxRate, unitValueInBase } from './fx';
import { applyProgramGroups } from './groups';
import type { NewLedgerEntry } from './ledger';
import { computeProgramRewards } from './program-rewards';
import { formatRatio, timesRatio } from './ratio';
import { qualifyingLines } from './scope';
import { toIso, toMs } from './time';
import type { CustomerBinding, OrderEvent, OrderLine, RewardContext } from './types';
import { resolveUnit } from './units';

function lineAmount(line: OrderLine): Decimal {
  const amount = new Decimal(line.amount);
  if (!amount.isFinite()) throw new EngineError('invalid_input', `invalid line amount ${line.amount}`);
  return amount;
}

function sumLines(lines: readonly OrderLine[], recurring: boolean | null): Decimal {
  return lines
    .filter((l) => recurring === null || Boolean(l.recurring) === recurring)
    .reduce((acc, l) => acc.plus(lineAmount(l)), new Decimal(0));
}

/** An order's total in its own currency: the denominator of refund fractions. */
export function orderTotal(lines: readonly OrderLine[]): Decimal {
  return sumLines(lines, null);
}

/**
 * §4: from one order to rewards. Decides, for every active program, who is credited (binding or
 * touches), the commissions per rule, per_customer usage, and the revenue credited for pools;
 * then applies program groups. Throws `fx_rate_missing` before deciding anything.
 */
export function computeOrderRewards(ctx: RewardContext, order: OrderEvent): OrderRewardDecision {
  const atMs = toMs(order.occurredAt);
  const orderId = order.orderId ?? order.id;
  const active = ctx.programs.filter((p) => p.active !== false);
  assertOrderRatesAvailable(ctx.workspace, order.currency, active, atMs);
  const orderRate = requireFxRate(ctx.workspace, order.currency, atMs);
  const subject = { customer: order.customer, signals: order, atMs };

  const newBindings: CustomerBinding[] = [];
  const credits: OrderCredit[] = [];
  const usage: UsageMarker[] = [];
  const programs: OrderRewardDecision['programs'] = [];
  const allEntries: NewLedgerEntry[] = [];
  const unitValues = new Map<string, Decimal>();

  for (const program of active) {
    const unit = resolveUnit(program.unit, ctx.workspace.units);
    const unitValue = unitValueInBase(ctx.workspace, unit, atMs);
    unitValues.set(program.id, unitValue);
    const credit = resolveProgramCredit(ctx, program, subject);
    programs.push({ programId: program.id, explanation: credit.explanation });
    if (credit.newBinding) newBindings.push(credit.newBinding);
    if (credit.credited.length === 0) continue;

    // order currency → base currency → program unit, all at full precision.
    const lines = qualifyingLines(program.scope, order.lines);
    const toUnit = (amount: Decimal) => amount.times(orderRate).div(unitValue);
    const qualifyingBase = sumLines(lines, null).times(orderRate);
    for (const partner of credit.credited) {
      credits.push({
        orderId,
        programId: program.id,
        partnerId: partner.partnerId,
        share: formatRatio(partner.share),
        qualifyingRevenueBase: qualifyingBase.toFixed(),
        creditedRevenueBase: timesRatio(qualifyingBase, partner.share).toFixed(),
        at: toIso(atMs),
      });
    }

    const perCustomerUsed = ctx.usage.perCustomerUsed.includes(program.id);
    if (lines.length > 0 && !perCustomerUsed) {
      usage.push({ type: 'per_customer', programId: program.id, customerId: order.customer.externalId });
    }
    const basis = {
      event: 'order' as const,
      atMs,
      boundAtMs: credit.boundAt,
      hasQualifyingLine: lines.length > 0,
      nonRecurringRevenue: toUnit(sumLines(lines, false)),
      recurringRevenue: toUnit(sumLines(lines, true)),
      perCustomerUsed,
      milestoneName: null,
      milestoneUsed: false,
    };
    const eventExplanation = {
      event: { type: 'order', id: order.id, orderId, at: toIso(atMs), customerId: order.customer.externalId },
      revenue: {
        currency: order.currency,
        qualifyingLines: lines.length,
        qualifying: sumLines(lines, null).toFixed(),
        baseCurrency: ctx.workspace.baseCurrency,
        fxRateToBase: orderRate.toFixed(),
        qualifyingBase: qualifyingBase.toFixed(),
        unit: unit.key,
        unitValueInBase: unitValue.toFixed(),
        nonRecurringInUnit: basis.nonRecurringRevenue.toFixed(),
        recurringInUnit: basis.recurringRevenue.toFixed(),
      },
    };
    allEntries.push(
      ...computeProgramRewards({ ctx, program, unit, credit, basis, eventId: order.id, orderId, eventExplanation }),
    );
  }

  const grouped = applyProgramGroups(allEntries, ctx.groups, (e) => new Decimal(e.amount).times(unitValues.get(e.programId!)!));
  return {
    eventId: order.id,
    newBindings,
    entries: grouped.kept,
    droppedEntries: grouped.dropped,
    groupDecisions: grouped.decisions,
    usage,
    credits,
    programs,
  };
}
