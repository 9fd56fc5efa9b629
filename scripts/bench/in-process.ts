/**
 * In-process part: the pure engine deciding orders against in-memory state, as a service would
 * after loading each customer's narrow snapshot. Per order the snapshot holds the customer's
 * clicks in the load range, the event's own link and coupons, the customer's bindings and used-up
 * one-off rewards, and the partners and enrollments behind them (what loadRewardContext loads).
 * Decisions are applied to the state (new bindings, per_customer usage), so later orders of a
 * customer reuse their binding exactly as in production.
 */
import {
  computeOrderRewards, Decimal,
  type ClickRecord, type CouponRef, type CustomerBinding, type EnrollmentState, type LinkRef, type OrderEvent, type PartnerRef,
  type ProgramConfig, type ProgramGroupConfig, type RewardContext, type WorkspaceConfig,
} from '../../lib/engine';
import type { Workload } from './synthetic';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Enrollments of a scenario are approved "before the story starts" (as setUpScenario does). */
const BEFORE_STORY = new Date('2000-01-01T00:00:00Z');

interface PreparedOrder {
  event: OrderEvent;
  customer: number;
  atMs: number;
  clicks: ClickRecord[];
  links: LinkRef[];
  coupons: CouponRef[];
}

interface CustomerState {
  bindings: CustomerBinding[];
  perCustomerUsed: string[];
}

export interface Prepared {
  workspace: WorkspaceConfig;
  programs: ProgramConfig[];
  groups: ProgramGroupConfig[];
  orders: PreparedOrder[];
  /** Per customer: the partners and enrollments any of its snapshots can name. */
  partners: PartnerRef[][];
  enrollments: EnrollmentState[][];
  initialBindings: CustomerBinding[][];
}

export function prepareInProcess(w: Workload): Prepared {
  const s = w.scenario;
  const workspace: WorkspaceConfig = { baseCurrency: s.workspace.baseCurrency, fxRates: s.workspace.fxRates ?? [], units: s.workspace.units ?? [], minimumPayout: {} };
  const programs: ProgramConfig[] = s.programs.map((p) => ({
    id: p.key, unit: p.unit, model: p.model, windowDays: p.windowDays, couponPrecedence: p.couponPrecedence ?? 'override', holdDays: p.holdDays, scope: p.scope, rewards: p.rewards,
  }));
  const groups: ProgramGroupConfig[] = (s.groups ?? []).map((g) => ({ id: g.key, strategy: g.strategy, programIds: g.programs }));
  const partnerRef = new Map<string, PartnerRef>();
  const enrollmentsOf = new Map<string, EnrollmentState[]>();
  for (const p of s.partners) {
    partnerRef.set(p.key, { id: p.key, email: p.email });
    enrollmentsOf.set(
      p.key,
      p.enrollments.map((e) => ({
        partnerId: p.key, programId: e.program, approvedAt: (e.status ?? 'approved') === 'approved' ? BEFORE_STORY : null, enrolledAt: BEFORE_STORY, rewards: e.rewards ?? null,
      })),
    );
  }

  const clicksOf = w.customers.map((c) =>
    c.clicks
      .map((k): ClickRecord => ({ id: k.id, visitorId: k.visitorId, linkCode: k.linkCode, partnerId: k.partnerKey, at: new Date(k.at), bot: k.bot }))
      .sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime() || (a.id < b.id ? -1 : 1)),
  );
  const partnerKeys = w.customers.map((c) => new Set(c.clicks.map((k) => k.partnerKey)));
  const initialBindings: CustomerBinding[][] = w.customers.map(() => []);
  for (const b of w.bindings) {
    initialBindings[b.customer].push({ programId: b.program, customerId: w.customers[b.customer].externalId, boundAt: b.at, source: 'manual', shares: [{ partnerId: b.partnerKey, share: '1' }] });
    partnerKeys[b.customer].add(b.partnerKey);
  }

  // the load range of the service: one hour more than the longest window, up to the event
  const longest = Math.max(...programs.map((p) => p.windowDays)) * DAY_MS + HOUR_MS;
  const orders = w.orders.map((o): PreparedOrder => {
    const c = w.customers[o.customer];
    const links: LinkRef[] = [];
    if (o.partnerCode && w.linkOwner.has(o.partnerCode)) {
      links.push({ code: o.partnerCode, partnerId: w.linkOwner.get(o.partnerCode)! });
      partnerKeys[o.customer].add(w.linkOwner.get(o.partnerCode)!);
    }
    const coupons: CouponRef[] = [];
    for (const code of o.coupons) {
      const owner = w.couponOwner.get(code.toUpperCase());
      if (owner && !coupons.some((x) => x.code === code.toUpperCase())) {
        coupons.push({ code: code.toUpperCase(), partnerId: owner });
        partnerKeys[o.customer].add(owner);
      }
    }
    return {
      event: {
        id: o.id, orderId: o.id, occurredAt: new Date(o.at), customer: { externalId: c.externalId, email: c.email }, currency: o.currency,
        lines: o.lines, visitorId: o.visitorId ?? null, clickId: null, partnerCode: o.partnerCode ?? null, coupons: o.coupons,
      },
      customer: o.customer,
      atMs: o.at,
      clicks: clicksOf[o.customer].filter((k) => {
        const t = (k.at as Date).getTime();
        return t <= o.at && t >= o.at - longest;
      }),
      links,
      coupons,
    };
  });
  return {
    workspace, programs, groups, orders, initialBindings,
    partners: partnerKeys.map((keys) => [...keys].map((k) => partnerRef.get(k)!)),
    enrollments: partnerKeys.map((keys) => [...keys].flatMap((k) => enrollmentsOf.get(k)!)),
  };
}

function freshState(p: Prepared): CustomerState[] {
  return p.initialBindings.map((b) => ({ bindings: [...b], perCustomerUsed: [] }));
}

export interface EngineRun {
  ms: number;
  orders: number;
  entries: number;
  dropped: number;
  newBindings: number;
  /** Sum of entry amounts per unit: the checksum that keeps every decision live. */
  sums: Map<string, Decimal>;
}

/** Decides orders [0, count) from a fresh state; returns the elapsed time and what was decided. */
export function runEngine(p: Prepared, count: number): EngineRun {
  const state = freshState(p);
  const sums = new Map<string, Decimal>();
  let entries = 0;
  let dropped = 0;
  let newBindings = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const o = p.orders[i];
    const st = state[o.customer];
    const ctx: RewardContext = {
      workspace: p.workspace, programs: p.programs, groups: p.groups,
      partners: p.partners[o.customer], enrollments: p.enrollments[o.customer],
      links: o.links, coupons: o.coupons, clicks: o.clicks, deals: [],
      bindings: st.bindings, usage: { perCustomerUsed: st.perCustomerUsed, milestonesUsed: [] },
    };
    const decision = computeOrderRewards(ctx, o.event);
    for (const b of decision.newBindings) st.bindings.push(b);
    newBindings += decision.newBindings.length;
    for (const u of decision.usage) if (u.type === 'per_customer') st.perCustomerUsed.push(u.programId);
    for (const e of decision.entries) sums.set(e.unit, (sums.get(e.unit) ?? new Decimal(0)).plus(e.amount));
    entries += decision.entries.length;
    dropped += decision.droppedEntries.length;
  }
  return { ms: performance.now() - started, orders: count, entries, dropped, newBindings, sums };
}

export interface BaselineRun {
  ms: number;
  orders: number;
  /** Total revenue in base currency. */
  checksum: Decimal;
}

/**
 * The least any implementation must do per order: parse and sum its lines with decimal.js and
 * convert the total to the base currency at the rate in force at the event time.
 */
export function runBaseline(p: Prepared, count: number): BaselineRun {
  const rates = new Map<string, { from: number; rate: Decimal }[]>();
  for (const r of p.workspace.fxRates) {
    const list = rates.get(r.currency) ?? [];
    list.push({ from: new Date(r.from).getTime(), rate: new Decimal(r.rate) });
    rates.set(r.currency, list.sort((a, b) => b.from - a.from));
  }
  const one = new Decimal(1);
  let checksum = new Decimal(0);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const o = p.orders[i];
    const ev = o.event;
    let rate = one;
    if (ev.currency !== p.workspace.baseCurrency) rate = rates.get(ev.currency)!.find((r) => r.from <= o.atMs)!.rate;
    let total = new Decimal(0);
    for (const line of ev.lines) total = total.plus(line.amount);
    checksum = checksum.plus(total.times(rate));
  }
  return { ms: performance.now() - started, orders: count, checksum };
}
