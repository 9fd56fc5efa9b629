/**
 * Replays a scenario step by step through the engine's public functions, keeping state in
 * memory the way the services keep it in Postgres, and reports the ledger, balances, payouts and
 * refused steps in the scenario's own shapes. Where the services decide something around the
 * engine (which clicks an event sees, what is refused and with which code, a deal's default
 * expiry, who a click's visitor belongs to) this follows them, using their own helpers where
 * they are pure; tests/integration/scenarios.test.ts checks that both agree on every scenario.
 */
import {
  bindCustomerManually,
  closePoolPeriod,
  computeBalances,
  computeMilestoneRewards,
  computeOrderRewards,
  computeRefundAdjustments,
  Decimal,
  EngineError,
  orderTotal,
  planPayoutBatch,
  toIso,
  type EventRewardDecision,
} from '../../../lib/engine';
import { AppError } from '../../../lib/errors';
import { refusalOf } from '../../../lib/server/rewards/ingest-event';
import { createReplayState, nextId, rewardContextFor, storeEntries, type ReplayState } from './replay-state';
import { clickIdOfStep, DEFAULT_DEAL_DAYS, type ScenarioOutput, type Scenario, type ScenarioStep } from '../../../scripts/scenarios/format';

const DAY_MS = 86_400_000;

function rememberCustomer(state: ReplayState, customerId: string, email?: string, visitor?: string): void {
  const customer = state.customers.get(customerId) ?? { email: null, visitors: new Set<string>() };
  if (email) customer.email = email;
  if (visitor) customer.visitors.add(visitor);
  state.customers.set(customerId, customer);
}

function applyEventDecision(state: ReplayState, decision: EventRewardDecision, at: string): void {
  state.bindings.push(...decision.newBindings);
  storeEntries(state, decision.entries, at);
  for (const marker of decision.usage) {
    if (marker.type === 'per_customer') state.perCustomerUsed.add(`${marker.customerId}|${marker.programId}`);
    else state.milestonesUsed.push({ customerId: marker.customerId, programId: marker.programId, name: marker.name });
  }
}

/** The engine's refusals of an event reach the sender as ingestEvent words them. */
function asEvent<T>(decide: () => T): T {
  try {
    return decide();
  } catch (err) {
    throw err instanceof EngineError ? refusalOf(err) : err;
  }
}

function replayOrder(state: ReplayState, at: string, order: NonNullable<ScenarioStep['order']>): void {
  if (state.processedEvents.has(order.id)) return; // idempotent on the sender's event id
  const ctx = rewardContextFor(state, order.customer, { visitorId: order.visitor, clickId: order.clickId }, at);
  const email = order.email ?? state.customers.get(order.customer)?.email ?? null;
  const decision = asEvent(() => computeOrderRewards(ctx, {
    id: order.id,
    occurredAt: at,
    customer: { externalId: order.customer, email },
    currency: order.currency,
    lines: order.lines,
    visitorId: order.visitor,
    clickId: order.clickId,
    coupons: order.coupons,
    partnerCode: order.partnerCode,
  }));
  // Written only after the engine accepted the event, as one transaction would.
  state.processedEvents.add(order.id);
  rememberCustomer(state, order.customer, order.email, order.visitor);
  // the visitor behind the order's own click is the customer's from now on (processOrder)
  const ownClick = order.clickId ? ctx.clicks.find((c) => c.id === order.clickId) : undefined;
  if (ownClick) rememberCustomer(state, order.customer, undefined, ownClick.visitorId);
  applyEventDecision(state, decision, at);
  state.credits.push(...decision.credits);
  state.orders.set(order.id, { total: orderTotal(order.lines), refunded: new Decimal(0) });
}

function replayRefund(state: ReplayState, at: string, refund: NonNullable<ScenarioStep['refund']>): void {
  const order = state.orders.get(refund.order);
  if (!order) throw new AppError('invalid_input', `No processed order with id ${refund.order} in this workspace.`);
  const decision = asEvent(() => computeRefundAdjustments({
    refund: { id: nextId(state, 'refund'), at, amount: refund.amount ?? null },
    order: { id: refund.order, total: order.total.toFixed() },
    refundedBefore: order.refunded.toFixed(),
    entries: state.entries.filter((e) => e.orderId === refund.order),
    units: state.workspace.units,
  }));
  order.refunded = new Decimal(decision.refundedTotal);
  state.refunds.push({ orderId: refund.order, at, fraction: new Decimal(decision.appliedAmount).div(order.total).toFixed() });
  storeEntries(state, decision.entries, at);
}

function replayMilestone(state: ReplayState, at: string, milestone: NonNullable<ScenarioStep['milestone']>): void {
  const ctx = rewardContextFor(state, milestone.customer, {}, at);
  const decision = asEvent(() => computeMilestoneRewards(ctx, {
    id: nextId(state, 'milestone'),
    occurredAt: at,
    customer: { externalId: milestone.customer, email: milestone.email ?? state.customers.get(milestone.customer)?.email ?? null },
    name: milestone.name,
  }));
  rememberCustomer(state, milestone.customer, milestone.email);
  applyEventDecision(state, decision, at);
}

function replayPayout(state: ReplayState, at: string, payout: NonNullable<ScenarioStep['payout']>): void {
  const plan = planPayoutBatch({
    entries: state.entries.filter((e) => e.payout == null),
    at,
    units: state.workspace.units,
    minimumPayout: state.workspace.minimumPayout,
    partnerIds: payout.partners,
    unitKeys: payout.units,
  });
  for (const p of plan.payouts) {
    const id = nextId(state, 'payout');
    state.payouts.push({ batch: payout.batch, partnerId: p.partnerId, unit: p.unit, amount: p.amount, status: 'processing' });
    for (const entry of state.entries) {
      if (p.entryIds.includes(entry.id)) {
        entry.payout = { id, status: 'processing' };
        entry.batch = payout.batch;
      }
    }
  }
}

function markPaid(state: ReplayState, batch: string): void {
  for (const payout of state.payouts) if (payout.batch === batch) payout.status = 'paid';
  for (const entry of state.entries) if (entry.batch === batch && entry.payout) entry.payout = { ...entry.payout, status: 'paid' };
}

/** Marks the batch's processing payouts failed and releases their entries (see ScenarioStep.failed). */
function markFailed(state: ReplayState, batch: string): void {
  const failing = new Set<string>();
  for (const payout of state.payouts) {
    if (payout.batch === batch && payout.status === 'processing') {
      // StoredPayout only types processing | paid; widen it here rather than in replay-state.ts
      Object.assign(payout, { status: 'failed' });
      failing.add(`${payout.partnerId}\u0000${payout.unit}`);
    }
  }
  for (const entry of state.entries) {
    if (entry.batch === batch && entry.payout?.status === 'processing' && failing.has(`${entry.partnerId}\u0000${entry.unit}`)) {
      entry.payout = null;
      entry.batch = null;
    }
  }
}

function replayClosePool(state: ReplayState, at: string, close: NonNullable<ScenarioStep['closePool']>): void {
  const pool = state.pools.find((p) => p.id === close.pool);
  if (!pool) return;
  const key = `${pool.id}|${close.period}`;
  if (state.closedPools.has(key)) return; // unique (pool, period) closing record
  const decision = closePoolPeriod({
    pool,
    period: close.period,
    closingAt: at,
    units: state.workspace.units,
    enrollments: state.enrollments,
    credits: state.credits,
    refunds: state.refunds,
    bindings: state.bindings,
  });
  state.closedPools.add(key);
  storeEntries(state, decision.entries, at);
}

/** Deal registration and manual binding both need the partner enrolled in the program (any status). */
function requireEnrollment(state: ReplayState, partnerId: string, programId: string): void {
  if (!state.enrollments.some((e) => e.partnerId === partnerId && e.programId === programId)) {
    throw new AppError('invalid_input', 'The partner is not enrolled in this program.');
  }
}

function replayStep(state: ReplayState, step: ScenarioStep, index: number): void {
  const at = toIso(step.at);
  if (step.click) {
    // an unknown code records no click (storeClick refuses it as not_found)
    const link = state.links.find((l) => l.code === step.click!.link);
    if (!link) throw new AppError('not_found', `No active link with code ${step.click.link}.`);
    state.clicks.push({ id: clickIdOfStep(index), visitorId: step.click.visitor, linkCode: link.code, partnerId: link.partnerId, at, bot: step.click.bot ?? false });
  }
  if (step.deal) {
    const d = step.deal;
    requireEnrollment(state, d.partner, d.program);
    state.deals.push({
      id: d.key,
      partnerId: d.partner,
      programId: d.program,
      registeredAt: at,
      expiresAt: toIso(Date.parse(at) + (d.expiresDays ?? DEFAULT_DEAL_DAYS) * DAY_MS),
      approved: true,
      match: { email: d.match.email ?? null, emailDomain: d.match.emailDomain ?? null, customerExternalId: d.match.customer ?? null },
    });
  }
  if (step.assign) {
    const { customer, program, partner } = step.assign;
    requireEnrollment(state, partner, program);
    state.bindings = state.bindings.filter((b) => !(b.customerId === customer && b.programId === program));
    state.bindings.push(bindCustomerManually({ customerId: customer, programId: program, partnerId: partner, at }));
    rememberCustomer(state, customer);
  }
  if (step.approve) {
    const enrollment = state.enrollments.find((e) => e.partnerId === step.approve!.partner && e.programId === step.approve!.program);
    // approving an approved enrollment changes nothing (changeEnrollmentStatus)
    if (enrollment && enrollment.approvedAt == null) Object.assign(enrollment, { approvedAt: at, endedAt: null });
  }
  if (step.order) replayOrder(state, at, step.order);
  if (step.refund) replayRefund(state, at, step.refund);
  if (step.milestone) replayMilestone(state, at, step.milestone);
  if (step.closePool) replayClosePool(state, at, step.closePool);
  if (step.payout) replayPayout(state, at, step.payout);
  if (step.paid) markPaid(state, step.paid.batch);
  if (step.failed) markFailed(state, step.failed.batch);
}

export function replayScenario(scenario: Scenario): ScenarioOutput {
  const state = createReplayState(scenario);
  const refused: ScenarioOutput['refused'] = [];
  scenario.steps.forEach((step, index) => {
    try {
      replayStep(state, step, index);
    } catch (error) {
      // as playStep: a refused step writes nothing and is listed with its code
      if (error instanceof AppError && error.code !== 'internal') refused.push({ step: index, code: error.code });
      else if (error instanceof EngineError) refused.push({ step: index, code: error.code });
      else throw error;
    }
  });
  const balancesAt = scenario.expect.balances?.at ?? scenario.steps[scenario.steps.length - 1].at;
  return {
    entries: state.entries.map((e) => ({
      partner: e.partnerId,
      ...(e.programId ? { program: e.programId } : {}),
      ...(e.poolId ? { pool: e.poolId, period: e.period ?? undefined } : {}),
      kind: e.kind,
      ...(e.rule ? { rule: e.rule } : {}),
      ...(e.orderId ? { order: e.orderId } : {}),
      amount: e.amount,
      unit: e.unit,
    })),
    balances: computeBalances(state.entries, balancesAt, state.workspace.units).map((b) => ({
      partner: b.partnerId,
      unit: b.unit,
      pending: b.pending,
      payable: b.payable,
      processing: b.processing,
      paid: b.paid,
    })),
    payouts: state.payouts.map((p) => ({ batch: p.batch, partner: p.partnerId, unit: p.unit, amount: p.amount, status: p.status })),
    refused,
  };
}
