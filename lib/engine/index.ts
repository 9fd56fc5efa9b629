/**
 * The reward engine: pure domain rules of SPEC.md §2, §4–6. No I/O, no clock, decimal.js only.
 * A service loads a narrow state snapshot, calls one of the decision functions below, and writes
 * the returned bindings, entries and usage markers in one transaction.
 */
export { EngineError, type EngineErrorCode } from './errors';
export { Decimal, dec } from './decimal';
export type { Instant } from './time';
export { addCalendarMonths, toIso } from './time';

export * from './types';
export type { EntryKind, Explanation, Json, LedgerEntryState, NewLedgerEntry, PayoutStatus } from './ledger';
export type { EventRewardDecision, OrderCredit, OrderRewardDecision, UsageMarker } from './decisions';

// Money and units
export { currencyPrecision, formatAmount, formatUnitAmount, resolveUnit, roundToPrecision } from './units';
export type { CustomUnit, UnitInfo } from './units';
export { assertOrderRatesAvailable, baseToUnit, fxRateAt, requireFxRate, toBaseCurrency, unitToBase, unitValueInBase } from './fx';

// Attribution
export { lineQualifies, qualifyingLines } from './scope';
export { classifyClicks, type ClickVerdict } from './clicks';
export { isApprovedAt, isSelfReferral } from './eligibility';
export { dealMatchesCustomer, gatherProgramTouches } from './touches';
export type { AttributionSubject, ProgramTouches, RefusalReason, RefusedSignal, SignalKind, Touch } from './touches';
export { attributeTouches, couponOverrideShares, type PartnerShare } from './attribution';
export { bindCustomerManually, resolveProgramCredit, type ProgramCredit } from './binding';
export { formatRatio, parseRatio, ratio, type Ratio } from './ratio';

// Rewards
export { splitByLargestRemainder } from './split';
export { valueRule, type RewardBasis, type RuleValue } from './rules';
export { applyProgramGroups, type GroupDecision, type GroupOutcome } from './groups';
export { computeOrderRewards, orderTotal } from './order-rewards';
export { computeMilestoneRewards } from './milestone-rewards';
export { computeRefundAdjustments, type RefundDecision, type RefundInput } from './refunds';

// Money out
export { computeBalances, type BalanceRow } from './balances';
export { planPayoutBatch } from './payouts';
export type { CarriedBalance, PayoutBatchInput, PayoutBatchPlan, PlannedPayout } from './payouts';
export { parsePoolPeriod, type PeriodBounds, type PoolPeriodKind } from './periods';
export type { PoolCredit, PoolRefund } from './pool-metrics';
export { closePoolPeriod, type PoolCloseDecision, type PoolCloseInput, type PoolConfig, type PoolStanding } from './pools';
