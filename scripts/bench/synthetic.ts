/**
 * The benchmark's synthetic workload: one realistic workspace (scenario-shaped, so the database
 * part can create it with setUpScenario) and a deterministic stream of customers, clicks, manual
 * bindings, orders and refunds drawn from a seedable PRNG. The in-process and database parts draw
 * from the same generator, so they measure the same kind of traffic.
 */
import type { RewardRule } from '../../lib/engine';
import type { Scenario, ScenarioPartner, ScenarioProgram } from '../scenarios/format';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: tiny, fast and good enough for workload generation; same seed, same workload. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [lo, hi]. */
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    /** Picks by weight: [[value, weight], …]. */
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of items) if ((r -= w) < 0) return value;
      return items[items.length - 1][0];
    },
  };
}
export type Rng = ReturnType<typeof createRng>;

// ---------------------------------------------------------------------------------------------
// The workspace

/** Customers first buy between these two dates; the merchant's manual bindings precede them. */
const STORY_START = Date.parse('2026-01-15T00:00:00Z');
const STORY_END = Date.parse('2026-12-15T00:00:00Z');
const MANUAL_BINDING_AT = '2025-12-01T00:00:00.000Z';

const PROGRAMS: ScenarioProgram[] = [
  {
    key: 'referral', category: 'referral', unit: 'USD', model: 'last_touch', windowDays: 30, couponPrecedence: 'override', holdDays: 30,
    scope: { include: { categories: ['subscription', 'goods', 'addons'] } },
    rewards: [{ type: 'one_time_share', percent: '20' }, { type: 'per_customer', amount: '25.00' }],
  },
  {
    key: 'affiliate', category: 'affiliate', unit: 'USD', model: 'first_touch', windowDays: 60, couponPrecedence: 'touch', holdDays: 30,
    scope: { exclude: { categories: ['services'] } },
    rewards: [{ type: 'one_time_share', percent: '8' }, { type: 'recurring_share', percent: '10', durationMonths: 12 }],
  },
  {
    key: 'reseller', category: 'reseller', unit: 'EUR', model: 'position_based', windowDays: 90, couponPrecedence: 'override', holdDays: 60,
    scope: { include: { categories: ['subscription', 'addons'] }, exclude: { plans: ['starter-monthly'] } },
    rewards: [{ type: 'recurring_share', percent: '15', durationMonths: null }, { type: 'per_order', amount: '2.00' }],
  },
  {
    key: 'loyalty', category: 'agency', unit: 'points', model: 'equal_split', windowDays: 45, couponPrecedence: 'touch', holdDays: 14,
    rewards: [{ type: 'one_time_share', percent: '5' }, { type: 'recurring_share', percent: '3', durationMonths: 6 }, { type: 'per_order', amount: '100' }],
  },
];

const HOME_WEIGHTS: [string, number][] = [['referral', 40], ['affiliate', 30], ['reseller', 15], ['loyalty', 15]];
const SPECIAL_AGREEMENT: RewardRule[] = [{ type: 'one_time_share', percent: '12' }];

interface CatalogItem {
  product: string;
  plan?: string;
  category: string;
  cents: number;
  recurring: boolean;
}
const CATALOG: CatalogItem[] = [
  { product: 'starter', plan: 'starter-monthly', category: 'subscription', cents: 2_900, recurring: true },
  { product: 'pro', plan: 'pro-monthly', category: 'subscription', cents: 9_900, recurring: true },
  { product: 'pro', plan: 'pro-annual', category: 'subscription', cents: 99_000, recurring: true },
  { product: 'enterprise', plan: 'enterprise-annual', category: 'subscription', cents: 480_000, recurring: true },
  { product: 'onboarding', category: 'services', cents: 50_000, recurring: false },
  { product: 'extra-seats', category: 'addons', cents: 1_500, recurring: true },
  { product: 'hardware-kit', category: 'goods', cents: 24_900, recurring: false },
];

function buildScenario(rng: Rng, partnerCount: number): Scenario {
  const partners: ScenarioPartner[] = [];
  for (let i = 0; i < partnerCount; i++) {
    const home = rng.weighted(HOME_WEIGHTS);
    const programs = [home, ...PROGRAMS.map((p) => p.key).filter((k) => k !== home && rng.chance(0.3))];
    const enrollments = programs.map((program, n) => ({
      program,
      // a few applications are still waiting: their signals are refused as not_approved
      ...(rng.chance(n === 0 ? 0.03 : 0.06) ? { status: 'pending' as const } : {}),
      // a few partners have a special agreement replacing the program's rules
      ...(rng.chance(0.05) ? { rewards: SPECIAL_AGREEMENT } : {}),
    }));
    const links: { code: string; program?: string }[] = [{ code: `p${i}-l1` }];
    if (programs.length > 1 && rng.chance(0.3)) links.push({ code: `p${i}-l2`, program: programs[1] });
    partners.push({
      key: `p${i}`,
      email: `p${i}@partners.test`,
      enrollments,
      links,
      coupons: rng.chance(0.5) ? [{ code: `P${i}SAVE` }] : [],
    });
  }
  return {
    title: 'bench: synthetic workspace',
    workspace: {
      baseCurrency: 'USD',
      fxRates: [
        { currency: 'EUR', rate: '1.08', from: '2000-01-01T00:00:00Z' },
        { currency: 'EUR', rate: '1.1037', from: '2026-04-01T00:00:00Z' },
        { currency: 'EUR', rate: '1.0712', from: '2026-09-01T00:00:00Z' },
        { currency: 'GBP', rate: '1.27', from: '2000-01-01T00:00:00Z' },
        { currency: 'GBP', rate: '1.2491', from: '2026-06-01T00:00:00Z' },
      ],
      units: [{ key: 'points', label: 'Points', precision: 0, baseValue: '0.01' }],
    },
    programs: PROGRAMS,
    groups: [{ key: 'tiers', strategy: 'highest_reward', programs: ['affiliate', 'loyalty'] }],
    partners,
    steps: [],
    expect: { entries: [] },
  };
}

// ---------------------------------------------------------------------------------------------
// Traffic

export interface SynthClick {
  id: string;
  linkCode: string;
  partnerKey: string;
  visitorId: string;
  at: number;
  bot: boolean;
}

export interface SynthCustomer {
  index: number;
  externalId: string;
  email: string | null;
  visitorId: string | null;
  clicks: SynthClick[];
}

export interface SynthLine {
  product: string;
  plan?: string;
  category: string;
  amount: string;
  recurring: boolean;
}

export interface SynthOrder {
  id: string;
  customer: number;
  at: number;
  currency: string;
  lines: SynthLine[];
  visitorId?: string;
  partnerCode?: string;
  coupons: string[];
}

export interface SynthRefund {
  id: string;
  orderId: string;
  customer: number;
  at: number;
  /** Absent: the whole order. */
  amount?: string;
}

export interface SynthBinding {
  customer: number;
  program: string;
  partnerKey: string;
  at: string;
}

export interface Workload {
  scenario: Scenario;
  customers: SynthCustomer[];
  /** Manual bindings made by the merchant before the story starts. */
  bindings: SynthBinding[];
  /** By time, then id. */
  orders: SynthOrder[];
  refunds: SynthRefund[];
  clickCount: number;
  /** link code → partner key; coupon code (upper case) → partner key. */
  linkOwner: Map<string, string>;
  couponOwner: Map<string, string>;
}

const centsToAmount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export function buildWorkload(opts: { seed: number; partners: number; customers: number; orders: number; refundRate: number }): Workload {
  const rng = createRng(opts.seed);
  const scenario = buildScenario(rng, opts.partners);
  const linkOwner = new Map<string, string>();
  const couponOwner = new Map<string, string>();
  const linkCodes: string[] = [];
  const couponCodes: string[] = [];
  for (const p of scenario.partners) {
    for (const l of p.links ?? []) {
      linkOwner.set(l.code, p.key);
      linkCodes.push(l.code);
    }
    for (const c of p.coupons ?? []) {
      couponOwner.set(c.code.toUpperCase(), p.key);
      couponCodes.push(c.code);
    }
  }
  const partnersIn = (program: string) =>
    scenario.partners.filter((p) => p.enrollments.some((e) => e.program === program && (e.status ?? 'approved') === 'approved')).map((p) => p.key);
  const referralPartners = partnersIn('referral');
  const resellerPartners = partnersIn('reseller');

  // customers, their clicks (inside and outside every window, bots, reload bursts) and when they first buy
  const customers: SynthCustomer[] = [];
  const firstOrderAt: number[] = [];
  const bindings: SynthBinding[] = [];
  let clickSeq = 0;
  for (let i = 0; i < opts.customers; i++) {
    const t0 = STORY_START + Math.floor(rng.next() * (STORY_END - STORY_START));
    firstOrderAt.push(t0);
    const email = rng.chance(0.003)
      ? `p${rng.int(0, opts.partners - 1)}@partners.test` // a partner buying through its own link
      : rng.chance(0.85) ? `c${i}@co${rng.int(0, 499)}.test` : null;
    const visitorId = rng.chance(0.9) ? `vis_${i}` : null;
    const clicks: SynthClick[] = [];
    if (visitorId) {
      const n = rng.int(0, 4);
      const favourite = rng.pick(linkCodes);
      for (let k = 0; k < n; k++) {
        const linkCode = rng.chance(0.6) ? favourite : rng.pick(linkCodes);
        // mostly before the first order, up to 150 days (windows are 30–90), some later
        const at = rng.chance(0.85) ? t0 - Math.floor(rng.next() * 150 * DAY_MS) : t0 + Math.floor(rng.next() * 60 * DAY_MS);
        const click = { id: `k${clickSeq++}`, linkCode, partnerKey: linkOwner.get(linkCode)!, visitorId, at, bot: rng.chance(0.02) };
        clicks.push(click);
        if (rng.chance(0.05)) clicks.push({ ...click, id: `k${clickSeq++}`, at: at + rng.int(1, 50) * MINUTE_MS, bot: false });
      }
    }
    customers.push({ index: i, externalId: `cus_${i}`, email, visitorId, clicks });
    if (rng.chance(0.05)) bindings.push({ customer: i, program: 'referral', partnerKey: rng.pick(referralPartners), at: MANUAL_BINDING_AT });
    if (rng.chance(0.02)) bindings.push({ customer: i, program: 'reseller', partnerKey: rng.pick(resellerPartners), at: MANUAL_BINDING_AT });
  }

  // orders: every customer buys once (when there are enough orders); repeat buyers are skewed
  const drafts: { customer: number; at: number; first: boolean }[] = [];
  for (let n = 0; n < opts.orders; n++) {
    if (n < opts.customers) drafts.push({ customer: n, at: firstOrderAt[n], first: true });
    else {
      const c = Math.floor(opts.customers * rng.next() ** 2);
      drafts.push({ customer: c, at: firstOrderAt[c] + rng.int(1, 200) * DAY_MS + rng.int(0, DAY_MS - 1), first: false });
    }
  }
  drafts.sort((a, b) => a.at - b.at || a.customer - b.customer);
  const orders: SynthOrder[] = drafts.map((d, n) => {
    const customer = customers[d.customer];
    const lines: SynthLine[] = [];
    for (let k = rng.int(1, 4); k > 0; k--) {
      const item = rng.pick(CATALOG);
      const qty = item.category === 'addons' ? rng.int(1, 20) : 1;
      const cents = Math.round(item.cents * qty * (0.8 + 0.4 * rng.next()));
      lines.push({ product: item.product, ...(item.plan ? { plan: item.plan } : {}), category: item.category, amount: centsToAmount(cents), recurring: item.recurring });
    }
    const order: SynthOrder = {
      id: `ord_${n}`,
      customer: d.customer,
      at: d.at,
      currency: rng.weighted([['USD', 70], ['EUR', 20], ['GBP', 10]] as const),
      lines,
      coupons: [],
    };
    // the first order carries the visitor (so the customer's clicks are known), later ones sometimes
    if (customer.visitorId && (d.first || rng.chance(0.5))) order.visitorId = customer.visitorId;
    if (rng.chance(0.04)) order.partnerCode = rng.chance(0.9) ? rng.pick(linkCodes) : `unknown-${rng.int(0, 99)}`;
    if (rng.chance(0.1)) {
      const code = rng.chance(0.95) ? rng.pick(couponCodes) : `NOPE${rng.int(0, 99)}`;
      order.coupons.push(rng.chance(0.3) ? code.toLowerCase() : code);
      if (rng.chance(0.1)) order.coupons.push(rng.pick(couponCodes));
    }
    return order;
  });

  // refunds: some orders, whole or in part, 1–20 days later
  const refunds: SynthRefund[] = [];
  for (const order of orders) {
    if (!rng.chance(opts.refundRate)) continue;
    const totalCents = order.lines.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);
    const partial = rng.chance(0.5) && totalCents > 1;
    refunds.push({
      id: `ref_${order.id}`,
      orderId: order.id,
      customer: order.customer,
      at: order.at + rng.int(1, 20) * DAY_MS,
      ...(partial ? { amount: centsToAmount(rng.int(1, totalCents - 1)) } : {}),
    });
  }

  const clickCount = customers.reduce((s, c) => s + c.clicks.length, 0);
  return { scenario, customers, bindings, orders, refunds, clickCount, linkOwner, couponOwner };
}

/**
 * The same workload with every link code prefixed: link codes are unique across workspaces
 * (they are redirect paths), so each workspace of one database gets its own.
 */
export function withLinkPrefix(w: Workload, prefix: string): Workload {
  const code = (c: string) => (w.linkOwner.has(c) ? `${prefix}${c}` : c);
  return {
    ...w,
    scenario: { ...w.scenario, partners: w.scenario.partners.map((p) => ({ ...p, links: p.links?.map((l) => ({ ...l, code: code(l.code) })) })) },
    customers: w.customers.map((c) => ({ ...c, clicks: c.clicks.map((k) => ({ ...k, linkCode: code(k.linkCode) })) })),
    orders: w.orders.map((o) => (o.partnerCode ? { ...o, partnerCode: code(o.partnerCode) } : o)),
    linkOwner: new Map([...w.linkOwner].map(([c, owner]) => [code(c), owner])),
  };
}
