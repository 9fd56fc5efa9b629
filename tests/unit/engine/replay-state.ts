/**
 * In-memory stand-in for the database: plain arrays and maps holding exactly what the engine's
 * state snapshots need. Built from a scenario's configuration.
 */
import {
  Decimal,
  type ClickRecord,
  type CouponRef,
  type CustomerBinding,
  type DealRegistration,
  type EnrollmentState,
  type LedgerEntryState,
  type LinkRef,
  type NewLedgerEntry,
  type OrderCredit,
  type PartnerRef,
  type PoolConfig,
  type PoolRefund,
  type ProgramConfig,
  type ProgramGroupConfig,
  type RewardContext,
  type WorkspaceConfig,
} from '../../../lib/engine';
import type { Scenario } from '../../../scripts/scenarios/format';
import { toMs } from '../../../lib/engine/time';
import { clickLookback } from '../../../lib/server/rewards/context';

export type StoredEntry = NewLedgerEntry & LedgerEntryState & { batch: string | null };

export interface StoredPayout {
  batch: string;
  partnerId: string;
  unit: string;
  amount: string;
  status: 'processing' | 'paid';
}

export interface ReplayState {
  workspace: WorkspaceConfig;
  programs: ProgramConfig[];
  groups: ProgramGroupConfig[];
  pools: PoolConfig[];
  partners: PartnerRef[];
  enrollments: EnrollmentState[];
  links: LinkRef[];
  coupons: CouponRef[];
  clicks: ClickRecord[];
  deals: DealRegistration[];
  customers: Map<string, { email: string | null; visitors: Set<string> }>;
  bindings: CustomerBinding[];
  perCustomerUsed: Set<string>;
  milestonesUsed: { customerId: string; programId: string; name: string }[];
  processedEvents: Set<string>;
  orders: Map<string, { total: Decimal; refunded: Decimal }>;
  credits: OrderCredit[];
  refunds: PoolRefund[];
  entries: StoredEntry[];
  payouts: StoredPayout[];
  closedPools: Set<string>;
  sequence: number;
}

/** Enrollments approved by default are approved "before the story starts". */
const BEFORE_STORY = '2000-01-01T00:00:00.000Z';

export function createReplayState(scenario: Scenario): ReplayState {
  const enrollments: EnrollmentState[] = [];
  const links: LinkRef[] = [];
  const coupons: CouponRef[] = [];
  for (const partner of scenario.partners) {
    for (const e of partner.enrollments) {
      enrollments.push({
        partnerId: partner.key,
        programId: e.program,
        approvedAt: (e.status ?? 'approved') === 'approved' ? BEFORE_STORY : null,
        enrolledAt: BEFORE_STORY,
        rewards: e.rewards ?? null,
      });
    }
    for (const link of partner.links ?? []) links.push({ code: link.code, partnerId: partner.key });
    for (const coupon of partner.coupons ?? []) coupons.push({ code: coupon.code, partnerId: partner.key });
  }
  return {
    workspace: {
      baseCurrency: scenario.workspace.baseCurrency,
      fxRates: scenario.workspace.fxRates ?? [],
      units: scenario.workspace.units ?? [],
      minimumPayout: scenario.workspace.minimumPayout ?? {},
    },
    programs: scenario.programs.map((p) => ({
      id: p.key,
      unit: p.unit,
      model: p.model,
      windowDays: p.windowDays,
      couponPrecedence: p.couponPrecedence ?? 'override',
      holdDays: p.holdDays,
      scope: p.scope,
      rewards: p.rewards,
    })),
    groups: (scenario.groups ?? []).map((g) => ({ id: g.key, strategy: g.strategy, programIds: g.programs })),
    pools: (scenario.pools ?? []).map((p) => ({
      id: p.key,
      unit: p.unit,
      amount: p.amount,
      period: p.period,
      programIds: p.programs,
      metric: p.metric,
      goal: p.goal,
    })),
    partners: scenario.partners.map((p) => ({ id: p.key, email: p.email })),
    enrollments,
    links,
    coupons,
    clicks: [],
    deals: [],
    customers: new Map(),
    bindings: [],
    perCustomerUsed: new Set(),
    milestonesUsed: [],
    processedEvents: new Set(),
    orders: new Map(),
    credits: [],
    refunds: [],
    entries: [],
    payouts: [],
    closedPools: new Set(),
    sequence: 0,
  };
}

export function nextId(state: ReplayState, prefix: string): string {
  state.sequence += 1;
  return `${prefix}-${state.sequence}`;
}

/**
 * The narrow snapshot loadRewardContext loads for one customer's event: the clicks of the
 * customer's visitors and the event's own click, within the same span (clickLookback).
 */
export function rewardContextFor(state: ReplayState, customerId: string, signals: { visitorId?: string; clickId?: string }, at: string): RewardContext {
  const visitors = new Set(state.customers.get(customerId)?.visitors ?? []);
  if (signals.visitorId) visitors.add(signals.visitorId);
  const { from, to } = clickLookback(state.programs, new Date(at));
  const inSpan = (click: ClickRecord) => toMs(click.at) >= from.getTime() && toMs(click.at) <= to.getTime();
  return {
    workspace: state.workspace,
    programs: state.programs,
    groups: state.groups,
    partners: state.partners,
    enrollments: state.enrollments,
    links: state.links,
    coupons: state.coupons,
    clicks: state.clicks.filter((c) => (visitors.has(c.visitorId) || c.id === signals.clickId) && inSpan(c)),
    deals: state.deals,
    bindings: state.bindings.filter((b) => b.customerId === customerId),
    usage: {
      perCustomerUsed: state.programs.map((p) => p.id).filter((id) => state.perCustomerUsed.has(`${customerId}|${id}`)),
      milestonesUsed: state.milestonesUsed.filter((m) => m.customerId === customerId),
    },
  };
}

export function storeEntries(state: ReplayState, entries: NewLedgerEntry[], createdAt: string): void {
  for (const entry of entries) {
    state.entries.push({ ...entry, id: nextId(state, 'entry'), payout: null, batch: null, createdAt });
  }
}
